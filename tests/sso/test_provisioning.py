"""What a sign-in does to the account, given claims the provider has vouched for."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core import roles
from intranet.sso import services
from intranet.sso.conf import sso_config
from intranet.sso.errors import SsoError
from intranet.sso.models import OidcIdentity
from tests.factories.core import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.kommune.example/v2.0"


@pytest.fixture
def config(settings):
    settings.SSO_ISSUER = ISSUER
    settings.SSO_CLIENT_ID = "intranett"
    settings.SSO_DEPARTMENT_MAP = "Skole=oppvekst"
    settings.SSO_GROUP_MAP = "g-red=Redaktører;g-kom=Kommunikasjon"
    settings.SSO_DEFAULT_GROUPS = ["Ansatte"]
    return sso_config()


def provision(config, **claims):
    return services.oidc_user_provision(
        config=config, issuer=ISSUER, claims={"sub": "abc-123", **claims}
    )


def test_department_matches_a_unit_by_name_when_not_mapped(config):
    unit = UnitFactory(name="Kultur og fritid", slug="kultur")
    user = provision(config, name="Per Hansen", department="kultur og fritid")
    assert user.profile.unit == unit
    assert (user.first_name, user.last_name) == ("Per", "Hansen")


def test_no_subject_no_account(config):
    with pytest.raises(SsoError) as refused:
        services.oidc_user_provision(config=config, issuer=ISSUER, claims={"name": "X"})
    assert refused.value.reason == "claims"
    assert not OidcIdentity.objects.exists()


def test_a_linked_admin_keeps_admin_rights_and_unmanaged_groups(config):
    admin = UserFactory(username="it-admin", is_staff=True, is_superuser=True)
    OidcIdentity.objects.create(user=admin, issuer=ISSUER, subject="abc-123")
    user = provision(config, name="IT Admin", groups=[])
    assert user.pk == admin.pk
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [roles.STAFF]


def test_a_single_group_string_counts_as_one_group(config):
    user = provision(config, groups="g-kom")
    assert set(user.groups.values_list("name", flat=True)) == {
        roles.STAFF,
        roles.COMMUNICATION,
    }


def test_groups_claim_switched_off_leaves_groups_alone(config, settings):
    user = provision(config, groups=["g-red"])
    settings.SSO_GROUPS_CLAIM = ""
    settings.SSO_GROUP_MAP = ""
    settings.SSO_DEFAULT_GROUPS = []
    provision(sso_config(), groups=[])
    assert user.groups.filter(name=roles.EDITORS).exists()


def test_repeat_sign_in_costs_the_same_queries_whatever_the_groups(config):
    UnitFactory(slug="oppvekst")
    counts = []
    for groups in (["g-red"], ["g-red", "g-kom", "other-1", "other-2", "other-3"]):
        provision(config, name="Kari Nordmann", department="Skole", groups=groups)
        with CaptureQueriesContext(connection) as queries:
            provision(config, name="Kari Nordmann", department="Skole", groups=groups)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 10
    assert Group.objects.get(name=roles.COMMUNICATION).user_set.count() == 1


def test_title_and_phone_come_from_their_claims_when_set(config, settings):
    user = provision(config, name="Per Hansen", jobTitle="Rektor", phone_number="123")
    assert (user.profile.job_title, user.profile.phone) == ("", "")

    settings.SSO_TITLE_CLAIM = "jobTitle"
    settings.SSO_PHONE_CLAIM = "phone_number"
    user = provision(
        sso_config(), name="Per Hansen", jobTitle="Rektor", phone_number="63 80 00 00"
    )
    assert (user.profile.job_title, user.profile.phone) == ("Rektor", "63 80 00 00")

    # A claim that is missing leaves what is there.
    user = provision(sso_config(), name="Per Hansen")
    user.profile.refresh_from_db()
    assert (user.profile.job_title, user.profile.phone) == ("Rektor", "63 80 00 00")


def test_the_units_a_person_leads_follow_the_leader_claim_when_set(config, settings):
    school = UnitFactory(name="Skole", slug="oppvekst")
    culture = UnitFactory(name="Kultur og fritid", slug="kultur")
    user = provision(config, name="Per Hansen", department="Skole", leads=["Skole"])
    assert not user.led_units.exists()  # not read until the claim is set

    settings.SSO_LEADER_CLAIM = "leads"
    user = provision(
        sso_config(),
        name="Per Hansen",
        department="Skole",
        leads=["Skole", "Kultur og fritid", "Finnes ikke"],
    )
    assert set(user.led_units.all()) == {school, culture}

    # No longer leading culture; a missing claim leads nothing.
    user = provision(sso_config(), name="Per Hansen", department="Skole", leads="Skole")
    assert list(user.led_units.all()) == [school]
    user = provision(sso_config(), name="Per Hansen", department="Skole")
    assert not user.led_units.exists()


def test_a_true_leader_claim_means_the_persons_own_unit(config, settings):
    settings.SSO_LEADER_CLAIM = "isManager"
    school = UnitFactory(name="Skole", slug="oppvekst")
    user = provision(
        sso_config(), name="Per Hansen", department="Skole", isManager=True
    )
    assert list(user.led_units.all()) == [school]
    user = provision(
        sso_config(), name="Per Hansen", department="Skole", isManager="false"
    )
    assert not user.led_units.exists()
