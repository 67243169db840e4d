"""The only output of the intranet that needs no login.

Atom feed and JSON of approved and published external versions, and the
renditions of their chosen images. Nothing here reads the internal story text,
the internal notes or any person.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from intranet.promotion import selectors
from intranet.promotion.models import Promotion

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


class PromotionAtomFeed(Feed):
    """Atom feed of the external versions, newest first."""

    feed_type = Atom1Feed
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


promotion_feed = login_not_required(require_GET(PromotionAtomFeed()))
