"""A person's name wherever a page shows it: a link to the profile, escaped."""

import pytest
from django.template import Context, Template

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

NAME = Template("{% load person_tags %}{% person_name who %}")


def test_an_active_persons_name_links_to_the_profile_and_is_escaped():
    person = UserFactory(username="ola.n", first_name="Ola <b>", last_name="& Co")

    html = NAME.render(Context({"who": person}))

    assert html == '<a href="/personer/ola.n/">Ola &lt;b&gt; &amp; Co</a>'


def test_someone_who_left_keeps_an_escaped_name_without_a_link():
    person = UserFactory(
        username="gikk", first_name="<i>Per</i>", last_name="Hansen", is_active=False
    )

    html = NAME.render(Context({"who": person}))

    assert html == "&lt;i&gt;Per&lt;/i&gt; Hansen"


def test_no_person_renders_nothing():
    assert NAME.render(Context({"who": None})) == ""
