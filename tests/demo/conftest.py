"""One seeded demo for every test in this folder.

Seeding takes most of a minute, so it happens once per test process: inside a
transaction that is rolled back after the last test here, so the tests in other
folders still start from an empty database. Each test runs in a savepoint within
it (the usual ``db`` fixture), so what a test changes is undone after it.

A module whose tests use the database says so with
``pytestmark = pytest.mark.usefixtures("demo")``; tests of the content files alone
need no database and do not wait for the seed.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package")
def demo_media_root(tmp_path_factory):
    """One media folder for the folder's tests: the seeded pictures live there."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        yield


@pytest.fixture
def _media_root(demo_media_root):
    """Replaces the per-test media folder of tests/conftest.py."""


@pytest.fixture(scope="package")
def demo_db(django_db_setup, django_db_blocker, demo_media_root):
    """The demo, seeded once, and rolled back when this folder's tests are done."""
    with django_db_blocker.unblock():
        seeded = transaction.atomic()
        seeded.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
        except BaseException as error:
            seeded.__exit__(type(error), error, error.__traceback__)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        seeded.__exit__(None, None, None)


@pytest.fixture
def demo(demo_db, db):
    """The seeded demo; what the test changes is rolled back after it."""
