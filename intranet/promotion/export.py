"""Press-ready copies of one external version."""

import html

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from intranet.promotion.models import Promotion


def export_html(promotion: Promotion) -> str:
    return render_to_string("promotion/export.html", {"promotion": promotion})


def export_text(promotion: Promotion) -> str:
    body = html.unescape(
        strip_tags(
            promotion.external_body.replace("</p>", "\n\n")
            .replace("<br/>", "\n")
            .replace("</li>", "\n")
            .replace("</h2>", "\n\n")
            .replace("</h3>", "\n\n")
        )
    )
    parts = [
        promotion.external_title,
        "=" * len(promotion.external_title),
        "",
        promotion.external_lead,
        "",
        body.strip(),
    ]
    if promotion.image_id:
        parts += ["", f"[{promotion.image_alt}]"]
    return "\n".join(parts).strip() + "\n"
