import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from news.models import NewsIndexPage, NewsPage


class ImageFactory(factory.django.DjangoModelFactory):
    """A small JPEG in the root collection."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Bilde {n}")
    file = factory.django.ImageField(width=64, height=36, format="JPEG")
    collection = factory.LazyFunction(Collection.get_first_root_node)


def default_site_root():
    return Site.objects.get(is_default_site=True).root_page


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nyheter"
    slug = "nyheter"
    parent = factory.LazyFunction(default_site_root)


def default_news_index() -> NewsIndexPage:
    return NewsIndexPage.objects.first() or NewsIndexPageFactory()


class NewsPageFactory(wagtail_factories.PageFactory):
    """A published-looking article. Pass `topics=[...]` to tag it."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    intro = "En kort ingress om saken."
    date = factory.LazyFunction(timezone.localdate)
    parent = factory.LazyFunction(default_news_index)
    first_published_at = factory.LazyAttribute(
        lambda page: timezone.make_aware(
            datetime.datetime.combine(page.date, datetime.time(9))
        )
    )
    last_published_at = factory.SelfAttribute("first_published_at")

    class Params:
        with_image = factory.Trait(
            hero_image=factory.SubFactory(ImageFactory),
            hero_image_alt="Ansatte samlet rundt et bord",
        )
