import factory

from intranet.dialogue.models import Comment, Reaction, ReactionKind
from tests.factories.core import UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment; pass `page=<story>` (and `parent=` for a reply)."""

    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Takk for oppdateringen, nummer {n}.")


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    user = factory.SubFactory(UserFactory)
    kind = ReactionKind.LIKE
