import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from intranet.core.models import Topic, Unit
from intranet.core.roles import STAFF


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Enhet {n}")
    slug = factory.Sequence(lambda n: f"enhet-{n}")
    parent = None


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Emne {n}")
    slug = factory.Sequence(lambda n: f"emne-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member (group Ansatte) with the password 'passord'."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"ansatt{n}")
    first_name = "Kari"
    last_name = factory.Sequence(lambda n: f"Nordmann{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@kommune.invalid")
    password = factory.django.Password("passord")

    @factory.post_generation
    def groups(self, create: bool, extracted, **kwargs):
        if not create:
            return
        for name in extracted if extracted is not None else [STAFF]:
            self.groups.add(Group.objects.get(name=name))


def publish(page, **changes):
    """Change a page and publish it the way the editor does (through a
    revision, so every signal fires), then read it back as it is live."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
