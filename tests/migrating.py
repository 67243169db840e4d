"""Running the migrations forwards and back inside a test."""

from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """Migrate to ``targets`` (the latest migrations when none) and return the
    models as the migrations applied now have them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    loader = MigrationExecutor(connection).loader
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


@contextmanager
def migrated_to(targets):
    """The models at ``targets`` for the block, then the latest migrations
    again (whatever the block raised)."""
    try:
        yield migrate(targets)
    finally:
        migrate()
