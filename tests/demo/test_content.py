"""The demo content files hold together, and the demo stays on the top layer.

No database: these read the JSON files and the source tree only.
"""

import ast
from pathlib import Path

from cases.models import CaseStatus
from intranet.core.models import PositioningTheme
from intranet.core.text import slugify_nb
from intranet.core.vocabulary import Audience, Channel, CommunicationNeed
from intranet.demo.content import load
from intranet.demo.steps import cases, news, people, planning

ROOT = Path(__file__).resolve().parents[2]
# The layers above the demo: they may name it.
ABOVE = {"intranet/demo", "intranet/settings", "intranet/urls.py", "tests"}
ABOVE |= {"benchmarks", "scripts", ".venv", "node_modules"}


def test_every_name_the_content_uses_is_defined_in_the_content():
    units = {unit["name"] for sector in load("units") for unit in sector["units"]}
    unit_slugs = {slugify_nb(sector["name"]) for sector in load("units")}
    unit_slugs |= {slugify_nb(name) for name in units}
    topics = {topic["name"] for topic in load("topics")}
    usernames = set(people.usernames())

    assert {person.unit for person in people.people()} <= units
    assert {username for _role, username in people.role_logins()} <= usernames
    for case in cases.cases():
        assert case.unit in units, case.title
        assert set(case.topics) <= topics, case.title
        assert set(case.owners) <= usernames, case.title
        assert case.status in CaseStatus.values, case.title
        assert case.need in [*CommunicationNeed.values, ""], case.title
        assert set(case.audiences) <= set(Audience.values), case.title
        assert set(case.channels) <= set(Channel.values), case.title
        for update in case.updates:
            assert update.theme in [*PositioningTheme.values, ""], update.title
    assert set(load("news")["authors"]) <= usernames
    for article in news.articles():
        assert article.unit in [*units, "Helse og omsorg", None], article.title
        assert article.topics and set(article.topics) <= topics, article.title
        assert set(article.themes) <= set(PositioningTheme.values), article.title
        assert bool(article.themes) == bool(article.nomination), article.title
    for year in (2026, 2027):  # a year between elections, and an election year
        for activity in planning.activities_for(year):
            assert activity.unit in unit_slugs, activity.title
            assert set(activity.owners) <= usernames, activity.title
            assert set(activity.audiences) <= set(Audience.values), activity.title
            assert set(activity.channels) <= set(Channel.values), activity.title


def test_the_plan_follows_the_election_cycle():
    between = {activity.title for activity in planning.activities_for(2026)}
    election = {activity.title: activity for activity in planning.activities_for(2027)}

    assert "Valgdagen: kommunestyre- og fylkestingsvalget" in election
    assert "Valgdagen: kommunestyre- og fylkestingsvalget" not in between
    # The second Monday of September 2027, and school on Monday 16 August.
    assert election["Valgdagen: kommunestyre- og fylkestingsvalget"].day == 13
    assert election["Skolestart: velkommen til nye elever"].day == 16
    recruiting = next(
        activity
        for activity in planning.activities_for(2026)
        if activity.title.startswith("Valgmedarbeidere")
    )
    assert recruiting.description.startswith("Valget er i 2027.")


def test_no_app_imports_the_demo():
    importers = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if any(relative == top or relative.startswith(f"{top}/") for top in ABOVE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[:2] == ["intranet", "demo"] for name in names):
                importers.append(relative)
    assert importers == []
