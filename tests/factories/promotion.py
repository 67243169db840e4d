import factory

from intranet.promotion.models import Promotion, PromotionStatus
from tests.factories.news import NewsPageFactory


class PromotionFactory(factory.django.DjangoModelFactory):
    """A candidate for a fresh news article with a complete external text."""

    class Meta:
        model = Promotion

    page = factory.SubFactory(
        NewsPageFactory,
        positioning_themes=["innovation"],
        nomination_text="Første kommune som gjør dette.",
    )
    themes = "innovation"
    status = PromotionStatus.CANDIDATE
    external_title = factory.Sequence(lambda n: f"Ekstern tittel {n}")
    external_lead = "En ingress for innbyggerne."
    external_body = "<p>Teksten innbyggerne får lese.</p>"
    channels = factory.LazyFunction(lambda: ["website"])
