import pytest
from django.db import connection

from tests.postgres import postgres_only

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_postgres_run_really_uses_postgres_with_norwegian_text_search():
    postgres_only()

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('norwegian', 'barnehagene')::text")
        (vector,) = cursor.fetchone()

    assert vector == "'barnehag':1"


@pytest.mark.postgres
def test_postgres_queries_run_without_just_in_time_compiling():
    """JIT compiling took a fifth of publishing's subscription match (26 ms)
    and much of a broad search at municipal scale; the settings switch it off
    for every connection the intranet opens."""
    postgres_only()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone()
    assert jit == "off"
