# The profile shows what search indexes: the same pages, people and engine.
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from intranet.core.models import StaffProfile, Unit
from tests.factories.core import UserFactory
from tests.search.conftest import (  # noqa: F401 - fixtures shared with search
    _database_search_by_default,
    backend,
    case_index,
    co_owner,
    make_case,
    make_update,
    owner,
    sector,
    unit,
)


def png(name: str = "meg.png", size: tuple[int, int] = (40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def colleague(db):
    return UserFactory(username="ola.hansen", first_name="Ola", last_name="Hansen")


@pytest.fixture
def colleague_client(colleague):
    client = Client()
    client.force_login(colleague)
    return client


@pytest.fixture
def me(db, unit):  # noqa: F811 - the fixture imported above
    user = UserFactory(
        username="kari.nordmann", first_name="Kari", last_name="Nordmann"
    )
    StaffProfile.objects.update_or_create(
        user=user, defaults={"unit": unit, "job_title": "Rådgiver", "phone": "63801234"}
    )
    return user


@pytest.fixture
def my_client(client, me):
    client.force_login(me)
    return client


@pytest.fixture
def school_unit(sector):  # noqa: F811 - the fixture imported above
    return Unit.objects.create(name="Berg skole", slug="berg-skole", parent=sector)
