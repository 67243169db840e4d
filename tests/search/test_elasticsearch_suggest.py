"""Elasticsearch's "Mente du …?" suggests only what the searcher may see.

The phrase suggester draws its candidates from the whole index, so each one is
checked against a query carrying the searcher's access filter ("collate").
There is no server here: a stand-in node answers the request and keeps the
body the backend really sent.
"""

import json

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from elastic_transport.client_utils import DEFAULT
from elasticsearch import Elasticsearch

from search.backends.base import Access
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    access_filter,
    build_search,
)
from search.query import SearchQuery
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

SENT: list[dict] = []


class RecordingNode(BaseNode):
    """Answers every search with no hits and the suggestion "barnehagen"."""

    def perform_request(
        self, method, target, body=None, headers=None, request_timeout=DEFAULT
    ):
        SENT.append(json.loads(body) if body else {})
        answer = {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
            "aggregations": {
                facet: {"doc_count": 0, "values": {"buckets": []}}
                for facet in ("type", "unit", "topic", "theme", "year")
            },
            "suggest": {
                "did_you_mean": [
                    {
                        "text": "barnehagne",
                        "options": [{"text": "barnehagen", "score": 0.5}],
                    }
                ]
            },
        }
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/json",
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(answer).encode())


@pytest.fixture
def recording_backend():
    SENT.clear()
    backend = ElasticsearchBackend(url="http://127.0.0.1:9", index="intranet-test")
    backend._client = Elasticsearch(backend.url, node_class=RecordingNode)
    return backend


def _collate_filter(body: dict) -> list:
    collate = body["suggest"]["did_you_mean"]["phrase"]["collate"]
    return collate["query"]["source"]["bool"]["filter"]


def _group_ids_let_in(filters: list) -> set[int]:
    found = set()
    for should in filters[0]["bool"]["should"]:
        for clause in should.get("bool", {}).get("must", []):
            found.update(clause.get("terms", {}).get("group_ids", []))
    return found


def test_a_suggestion_is_checked_against_what_a_non_member_may_see(
    recording_backend,
):
    from django.contrib.auth.models import Group

    health = Group.objects.create(name="Helse")
    outsider = UserFactory(username="utenfor")
    member = UserFactory(username="innenfor")
    member.groups.add(health)

    recording_backend.search(SearchQuery(text="barnehagne"), outsider)
    recording_backend.search(SearchQuery(text="barnehagne"), member)

    outsider_filter, member_filter = (_collate_filter(body) for body in SENT)
    assert outsider_filter == [access_filter(Access.for_user(outsider)).to_dict()]
    assert member_filter == [access_filter(Access.for_user(member)).to_dict()]
    # The outsider's check lets in no page restricted to the group ...
    assert _group_ids_let_in(outsider_filter) == set(
        outsider.groups.values_list("pk", flat=True)
    )
    assert health.pk not in _group_ids_let_in(outsider_filter)
    # ... the member's does.
    assert health.pk in _group_ids_let_in(member_filter)
    # The suggestion in the engine's answer still reaches the page.
    result = recording_backend.search(SearchQuery(text="barnehagne"), member)
    assert result.suggestion == "barnehagen"


def test_the_collate_query_finds_the_suggested_phrase_itself():
    body = build_search(
        SearchQuery(text="barnehagne"),
        Access(authenticated=True, group_ids=(3,)),
        index="intranet-search",
    ).to_dict()

    collate = body["suggest"]["did_you_mean"]["phrase"]["collate"]
    assert collate["query"]["source"]["bool"]["must"] == [
        {"match": {"suggest": {"query": "{{suggestion}}", "operator": "and"}}}
    ]
    assert collate["prune"] is False


def test_a_superuser_sees_everything_so_nothing_is_checked():
    body = build_search(
        SearchQuery(text="barnehagne"),
        Access(authenticated=True, group_ids=None),
        index="intranet-search",
    ).to_dict()

    assert "collate" not in body["suggest"]["did_you_mean"]["phrase"]
