"""Tests that need PostgreSQL itself (row locks, several processes, its own
SQL): skipped on the default SQLite run, and a failure when `make
test-postgres` got no PostgreSQL, so that run cannot pass by skipping them."""

import os

import pytest
from django.db import connection


def postgres_only(why: str = "PostgreSQL run only") -> None:
    if connection.vendor == "postgresql":
        return
    if os.environ.get("REQUIRE_POSTGRES"):
        pytest.fail("make test-postgres ran without PostgreSQL")
    pytest.skip(f"{why}: `make test-postgres`")
