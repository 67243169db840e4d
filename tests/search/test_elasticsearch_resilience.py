"""Elasticsearch that is missing, hung, rebuilt twice or behind TLS.

Against an honest local HTTP server speaking Elasticsearch's REST API
(``fake_elasticsearch``): the behaviour under test is ours (the fallback, the
circuit breaker, the rebuild lock and replay, the connection settings), not the
cluster's ranking, which the live suite covers.
"""

import datetime
import time
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from search import services
from search.backends import SearchUnavailable, get_backend
from search.backends import elasticsearch as es_module
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import RebuildRunning
from search.models import PendingIndexUpdate
from search.query import SearchQuery
from search.selectors import search_run
from tests.factories.search import make_document
from tests.search.fake_elasticsearch import FakeElasticsearch, FakeIndex

pytestmark = pytest.mark.django_db

TIMEOUT = 1.0
NOTICE = "Søkemotoren er utilgjengelig akkurat nå"


@pytest.fixture
def fake():
    with FakeElasticsearch() as server:
        yield server


@pytest.fixture
def engine(settings, fake):
    """The active engine, on the fake cluster: 2 failures open the breaker."""
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = f"intranet-{uuid.uuid4().hex[:8]}"
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 60
    return get_backend()


def timed_search(user) -> float:
    started = time.monotonic()
    _results, notices = search_run(query=SearchQuery(text="brannøvelse"), user=user)
    assert notices  # the database answered, with the notice
    return time.monotonic() - started


# A missing index ---------------------------------------------------------


def test_a_missing_index_falls_back_to_the_database_with_the_notice(
    staff_client, engine, fake
):
    DatabaseBackend().index([make_document(id=1, title="Brannøvelse")])

    html = staff_client.get("/sok/?q=brannøvelse").content.decode()

    assert fake.search_requests() == 1  # Elasticsearch was asked, and said 404
    assert NOTICE in html
    assert "<mark>Brannøvelse</mark>" in html


# The circuit breaker ------------------------------------------------------


def test_a_hung_cluster_is_skipped_after_failures_in_a_row_and_healthz_says_so(
    client, staff_user, engine, fake
):
    fake.hang = 3  # longer than the timeout

    timings = [timed_search(staff_user) for _ in range(4)]

    # Two searches waited for the timeout; then Elasticsearch was not asked.
    assert fake.search_requests() == 2
    assert min(timings[:2]) >= TIMEOUT
    assert max(timings[2:]) < TIMEOUT
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["search"] == "skipped"
    assert body["search_backend"] == "elasticsearch"
    assert body["search_failures"] == 2
    assert 0 < body["search_retry_in_seconds"] <= 60


def test_publishing_while_the_breaker_is_open_leaves_the_update_pending(
    engine, fake, make_article, django_capture_on_commit_callbacks
):
    fake.hang = 3
    for _ in range(2):
        with pytest.raises(SearchUnavailable):
            engine.count()
    asked = len(fake.requests)

    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Brannøvelse på rådhuset")

    assert len(fake.requests) == asked  # no request, so no timeout to wait for
    pending = PendingIndexUpdate.objects.get(page_id=article.pk)
    assert "circuit breaker open" in pending.last_error


def test_after_the_cool_down_elasticsearch_is_tried_again(
    client, settings, staff_user, fake
):
    settings.ELASTICSEARCH_BREAKER_COOLDOWN = 1
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX = f"intranet-{uuid.uuid4().hex[:8]}"
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.ELASTICSEARCH_BREAKER_FAILURES = 2
    engine = get_backend()
    fake.hang = 3
    timed_search(staff_user)
    timed_search(staff_user)
    fake.hang = 0
    timed_search(staff_user)
    assert fake.search_requests() == 2  # still cooling down

    time.sleep(1.1)
    # One failure after the cool-down opens the breaker again at once ...
    fake.hang = 3
    timed_search(staff_user)
    timed_search(staff_user)
    assert fake.search_requests() == 3
    assert client.get("/healthz").json()["search"] == "skipped"

    # ... and one success closes it.
    time.sleep(1.1)
    fake.hang = 0
    engine.index([make_document(id=1, title="Brannøvelse")])
    assert client.get("/healthz").json()["search"] == "ok"
    assert client.get("/healthz").json()["search_failures"] == 0
    results, notices = search_run(query=SearchQuery(text="x"), user=staff_user)
    assert notices == []
    assert [hit.document.title for hit in results.hits] == ["Brannøvelse"]


def test_a_missing_index_does_not_open_the_breaker(client, staff_user, engine, fake):
    for _ in range(3):
        timed_search(staff_user)

    assert fake.search_requests() == 3
    assert client.get("/healthz").json()["search"] == "ok"


# Rebuilds -----------------------------------------------------------------


def test_a_page_deleted_during_a_rebuild_does_not_come_back(
    engine, fake, make_article, monkeypatch, django_capture_on_commit_callbacks
):
    kept = make_article("Brannøvelse på rådhuset")
    deleted = make_article("Brannøvelse i barnehagen")
    monkeypatch.setattr(es_module, "CHUNK", 1)  # a progress call between the two
    events = []

    def progress(backend: str, done: int) -> None:
        if backend == "elasticsearch" and not events:
            # The rebuild has built both documents and written the first.
            with django_capture_on_commit_callbacks(execute=True):
                deleted.delete()
            events.append("deleted")

    counts = services.rebuild(progress=progress)

    assert events == ["deleted"]
    assert counts["elasticsearch"] == 2  # the deleted page's document was written
    assert fake.ids_in(engine.alias) == {kept.pk}  # ... and taken out again
    assert not PendingIndexUpdate.objects.exists()


def test_a_second_rebuild_while_one_runs_is_refused(engine, fake, monkeypatch):
    monkeypatch.setattr(es_module, "CHUNK", 1)
    refused = []

    def during(done: int) -> None:
        if not refused:
            with pytest.raises(RebuildRunning) as info:
                engine.rebuild([make_document(id=9, title="Samtidig")])
            refused.append(str(info.value))

    written = engine.rebuild(
        [make_document(id=1, title="En"), make_document(id=2, title="To")],
        progress=during,
    )

    assert written == 2
    assert "Another rebuild" in refused[0]
    assert len(fake.with_alias(engine.alias)) == 1
    assert fake.ids_in(engine.alias) == {1, 2}
    assert not fake.with_alias(engine.building_alias)
    # The lock is released: the next rebuild runs.
    engine.rebuild([make_document(id=3, title="Tre")])
    assert fake.ids_in(engine.alias) == {3}
    assert set(fake.indices) == set(fake.with_alias(engine.alias))


def test_a_rebuild_that_fails_releases_the_lock_and_leaves_no_index_behind(
    engine, fake
):
    def documents():
        yield make_document(id=1, title="En")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.rebuild(documents())

    assert engine.lock_index not in fake.indices
    assert engine.rebuild([make_document(id=2, title="To")]) == 1
    assert fake.ids_in(engine.alias) == {2}
    assert set(fake.indices) == set(fake.with_alias(engine.alias))


def test_a_lock_left_by_a_rebuild_that_died_is_taken_over(engine, fake):
    fake.indices[engine.lock_index] = FakeIndex(created=time.time() - 7 * 3600)

    assert engine.rebuild([make_document(id=1, title="En")]) == 1

    assert fake.ids_in(engine.alias) == {1}
    assert engine.lock_index not in fake.indices


def test_a_fresh_lock_is_respected(engine, fake):
    fake.indices[engine.lock_index] = FakeIndex(created=time.time() - 60)

    with pytest.raises(RebuildRunning):
        engine.rebuild([make_document(id=1, title="En")])

    assert not fake.with_alias(engine.alias)
    assert engine.lock_index in fake.indices  # the other rebuild's lock is kept


# TLS and API keys -----------------------------------------------------------


def self_signed_certificate(directory) -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
    now = datetime.datetime.now(datetime.UTC)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(public), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "ca.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


def test_an_https_cluster_with_an_api_key_and_a_private_ca(settings, tmp_path):
    certificate, key = self_signed_certificate(tmp_path)
    with FakeElasticsearch(tls=(certificate, key)) as fake:
        settings.ELASTICSEARCH_URL = fake.url
        settings.ELASTICSEARCH_INDEX = f"intranet-{uuid.uuid4().hex[:8]}"
        settings.ELASTICSEARCH_API_KEY = "aWQ6c2VjcmV0"
        settings.ELASTICSEARCH_CA_CERTS = certificate

        get_backend().index([make_document(id=1, title="Brannøvelse")])

        assert fake.ids_in(settings.ELASTICSEARCH_INDEX) == {1}
        assert {r.headers.get("authorization") for r in fake.requests} == {
            "ApiKey aWQ6c2VjcmV0"
        }

        # Without the CA the certificate is not trusted: no request gets through.
        settings.ELASTICSEARCH_CA_CERTS = ""
        asked = len(fake.requests)
        with pytest.raises(SearchUnavailable, match="TLS"):
            get_backend().count()
        assert len(fake.requests) == asked
