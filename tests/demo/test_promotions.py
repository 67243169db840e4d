"""The demo promotions cover every status of the communication team's pipeline."""

import random

import pytest

from intranet.demo.steps import promotions
from intranet.promotion.models import Promotion, PromotionEvent, PromotionStatus

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_has_promotions_in_every_status_and_the_step_runs_twice():
    assert set(Promotion.objects.values_list("status", flat=True)) == set(
        PromotionStatus.values
    )
    for published in Promotion.objects.filter(status=PromotionStatus.PUBLISHED):
        assert published.external_urls.startswith("https://www.kommune.example/")
    assert PromotionEvent.objects.filter(
        to_status=PromotionStatus.REJECTED, comment__contains="vi venter"
    ).exists()
    count = Promotion.objects.count()

    promotions.seed(rng=random.Random(1), log=lambda message: None)

    assert Promotion.objects.count() == count
