import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from intranet.core.models import StaffProfile, Unit
from tests.factories.core import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_user_gets_a_staff_profile():
    user = UserFactory()

    assert StaffProfile.objects.filter(user=user).count() == 1
    assert user.profile.unit is None


def test_the_three_role_groups_exist_and_may_use_the_publishing_tool():
    for name in ["Ansatte", "Kommunikasjon", "Redaktører"]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_sector_and_unit_hierarchy():
    sector = UnitFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    unit = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector)

    assert sector.is_sector
    assert not unit.is_sector
    assert unit.sector == sector
    assert list(Unit.objects.sectors()) == [sector]


def test_a_unit_cannot_sit_under_another_unit():
    sector = UnitFactory(slug="sektor")
    unit = UnitFactory(slug="enhet", parent=sector)
    sub_unit = Unit(name="Team", slug="team", parent=unit)

    with pytest.raises(ValidationError) as error:
        sub_unit.full_clean()

    assert "parent" in error.value.message_dict


def test_pages_publish_directly_without_a_moderation_workflow(home_page):
    assert home_page.get_workflow() is None


@pytest.mark.parametrize(
    ("model", "field", "label"),
    [
        ("news.NewsPage", "positioning_themes", "Posisjoneringstemaer"),
        ("planning.CommunicationActivity", "audiences", "Målgrupper"),
        ("planning.CommunicationActivity", "channels", "Kanaler"),
    ],
)
def test_choice_list_labels_start_with_a_capital_letter(model, field, label):
    from django.apps import apps
    from django.utils import translation

    with translation.override("nb"):
        formfield = apps.get_model(model)._meta.get_field(field).formfield()
        assert str(formfield.label) == label
