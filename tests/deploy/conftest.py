"""The production configuration, end to end: run with `make test-prod`.

One throwaway PostgreSQL database per run gets migrated, collected and seeded with
the demo data; gunicorn serves it with the production settings on a free port of
127.0.0.1. Needs PostgreSQL on 127.0.0.1:5432 (see scripts/postgres-url.sh).
"""

import os
from uuid import uuid4

import pytest

from tests.deploy.harness import (
    Server,
    create_database,
    drop_database,
    postgres_server_url,
    prepare_site,
    production_env,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/deploy/" in item.nodeid:
            item.add_marker(pytest.mark.deploy)


@pytest.fixture
def _media_root():
    """tests/conftest.py gives each test a media folder through Django's settings;
    these tests run the site in other processes with their own folders."""


@pytest.fixture(scope="session")
def pg_server():
    try:
        return postgres_server_url()
    except RuntimeError as exc:
        if os.environ.get("REQUIRE_POSTGRES"):
            raise
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def make_database(pg_server):
    """Creates empty databases on demand; drops them all at the end."""
    names = []

    def make() -> str:
        name = f"intranet_deploy_{uuid4().hex[:10]}"
        names.append(name)
        return create_database(pg_server, name)

    yield make
    for name in names:
        drop_database(pg_server, name)


@pytest.fixture(scope="session")
def site_env(make_database, tmp_path_factory):
    """Production environment of a migrated, collected and seeded site."""
    folder = tmp_path_factory.mktemp("site")
    env = production_env(
        database_url=make_database(),
        media_root=folder / "media",
        static_root=folder / "static",
    )
    prepare_site(env)
    return env


@pytest.fixture(scope="session")
def server(site_env, tmp_path_factory):
    running = Server(site_env, tmp_path_factory.mktemp("logs")).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def staff_session(server):
    return server.login("kari.nordmann")


@pytest.fixture(scope="session")
def admin_session(server):
    return server.login("admin")
