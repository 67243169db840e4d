"""The only output of the intranet that needs no login.

Atom feed and JSON of approved and published external versions, the
renditions of their chosen images, and the shared links that count a click
and go on to the external version. Nothing here reads the internal story text,
the internal notes or any person.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from intranet.promotion import selectors, services
from intranet.promotion.models import SHARE_RULES, Promotion, ShareChannel

# One fixed rendition: the public cannot ask the server to make arbitrary sizes.
PUBLIC_IMAGE_SPEC = "fill-1200x675"
JSON_SCHEMA_VERSION = 1


def public_image_url(request: HttpRequest | None, promotion: Promotion) -> str | None:
    if not promotion.image_id:
        return None
    path = reverse("promotion:public-image", args=[promotion.pk])
    return request.build_absolute_uri(path) if request else path


def public_item_url(request: HttpRequest, promotion: Promotion) -> str:
    return request.build_absolute_uri(
        reverse("promotion:public-detail", args=[promotion.pk])
    )


def serialize(request: HttpRequest, promotion: Promotion) -> dict:
    """The stable public shape of one external version (schema version 1)."""
    image = None
    if promotion.image_id:
        image = {
            "url": public_image_url(request, promotion),
            "alt": promotion.image_alt,
            "width": 1200,
            "height": 675,
        }
    return {
        "id": promotion.pk,
        "url": public_item_url(request, promotion),
        "status": promotion.status,
        "title": promotion.external_title,
        "lead": promotion.external_lead,
        "body_html": promotion.external_body,
        "language": promotion.language,
        "image": image,
        "channels": list(promotion.channels),
        "planned_date": (
            promotion.planned_date.isoformat() if promotion.planned_date else None
        ),
        "published_at": (
            promotion.published_externally_at.isoformat()
            if promotion.published_externally_at
            else None
        ),
        "external_urls": promotion.external_url_list,
        "updated_at": promotion.updated_at.isoformat(),
    }


@login_not_required
@require_GET
def promotion_list_json(request: HttpRequest) -> JsonResponse:
    items = [serialize(request, p) for p in selectors.public_promotions()[:100]]
    response = JsonResponse(
        {"version": JSON_SCHEMA_VERSION, "count": len(items), "items": items},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_GET
def promotion_detail_json(request: HttpRequest, pk: int) -> JsonResponse:
    promotion = get_object_or_404(selectors.public_promotions(), pk=pk)
    response = JsonResponse(
        {"version": JSON_SCHEMA_VERSION, **serialize(request, promotion)},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_GET
def promotion_image(request: HttpRequest, pk: int) -> FileResponse:
    promotion = get_object_or_404(
        selectors.public_promotions().filter(image__isnull=False), pk=pk
    )
    try:
        rendition = promotion.image.get_rendition(PUBLIC_IMAGE_SPEC)
        handle = rendition.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=f"image/{_format(rendition)}")
    # Caches must ask again every time: a withdrawn promotion's image (consent
    # taken back) must stop being served at once, not an hour later.
    response["Cache-Control"] = "public, no-cache"
    return response


def _format(rendition) -> str:
    name = rendition.file.name.lower()
    if name.endswith(".png"):
        return "png"
    if name.endswith(".webp"):
        return "webp"
    if name.endswith(".gif"):
        return "gif"
    return "jpeg"


class LanguageAtom1Feed(Atom1Feed):
    """Atom whose entries say their language (``xml:lang``): an external
    version is in Bokmål or Nynorsk, whatever the feed's own words are in."""

    def item_attributes(self, item: dict) -> dict:
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class PromotionAtomFeed(Feed):
    """Atom feed of the external versions, newest first."""

    feed_type = LanguageAtom1Feed
    title = _("Stories from the municipality")
    subtitle = _("Examples of innovation and competence, approved for publication.")
    author_name = _("The municipality")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("promotion:public-feed")

    def items(self):
        return selectors.public_promotions()[:50]

    def item_title(self, item: Promotion) -> str:
        return item.external_title

    def item_description(self, item: Promotion) -> str:
        return item.external_lead

    def item_link(self, item: Promotion) -> str:
        return reverse("promotion:public-detail", args=[item.pk])

    def item_guid(self, item: Promotion) -> str:
        return f"tag:intranet,2026:promotion/{item.pk}"

    def item_guid_is_permalink(self, item: Promotion) -> bool:
        return False

    def item_pubdate(self, item: Promotion):
        return item.published_externally_at or item.updated_at

    def item_updateddate(self, item: Promotion):
        return item.updated_at

    def item_author_name(self, item: Promotion) -> str:
        return str(self.author_name)

    def item_categories(self, item: Promotion) -> list[str]:
        return list(item.channels)

    def item_extra_kwargs(self, item: Promotion) -> dict:
        return {"language": item.language}


promotion_feed = login_not_required(require_GET(PromotionAtomFeed()))


# User agents that fetch a link to show a preview of it, not a person
# following it: their visits are not counted. Lower case, matched as parts.
LINK_PREVIEWERS = (
    "bot",
    "crawler",
    "spider",
    "preview",
    "facebookexternalhit",
    "facebookcatalog",
    "whatsapp",
    "embedly",
)


def share_campaign(promotion: Promotion) -> str:
    """The tracked link's utm_campaign: the promotion's id, never the story's
    slug (the internal title it came from need not be public)."""
    return f"formidling-{promotion.pk}"


def share_target_url(request: HttpRequest, promotion: Promotion, channel: str) -> str:
    """Where a shared link leads, with UTM parameters for the channel: the
    first address the team recorded where the story is published outside (the
    municipality's own page for it, which people can read), else the external
    version in the public API. Computed from the promotion alone."""
    recorded = promotion.external_url_list
    target = recorded[0] if recorded else public_item_url(request, promotion)
    scheme, netloc, path, query, fragment = urlsplit(target)
    utm = {
        "utm_source": channel,
        "utm_medium": SHARE_RULES[channel].medium,
        "utm_campaign": share_campaign(promotion),
    }
    kept = [(key, value) for key, value in parse_qsl(query) if key not in utm]
    return urlunsplit(
        (scheme, netloc, path, urlencode([*kept, *utm.items()]), fragment)
    )


def share_link_url(request: HttpRequest, promotion: Promotion, channel: str) -> str:
    """The link colleagues share: through the intranet, which counts it."""
    return request.build_absolute_uri(
        reverse("promotion:share-link", args=[promotion.pk, channel])
    )


def _previewer(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "").lower()
    return any(part in agent for part in LINK_PREVIEWERS)


@login_not_required
@require_safe
@never_cache
def share_link(request: HttpRequest, pk: str, channel: str) -> HttpResponse:
    """A shared link was followed: count one click for the story, channel and
    day, and go on to the story's public address with UTM parameters.

    Public (people outside click it on Facebook), and only to our own public
    address of a promotion that is still public; anything else (withdrawn,
    unknown, malformed) gets the "no longer available" page. Nothing about
    the person is read or kept, and no cookie is set; previews fetched by
    social media robots, and HEAD requests, are not counted.
    """
    promotion = None
    if channel in ShareChannel.values and pk.isascii() and pk.isdecimal():
        # Beyond 18 digits no id can match, and some databases cannot compare.
        promotion = selectors.shareable_promotion(pk=int(pk)) if len(pk) <= 18 else None
    if promotion is None:
        return TemplateResponse(request, "promotion/share_gone.html", status=404)
    if request.method == "GET" and not _previewer(request):
        services.share_click_record(promotion=promotion, channel=channel)
    return HttpResponseRedirect(share_target_url(request, promotion, channel))
