import random

import pytest

from cases import demo as case_demo
from intranet.core import demo as core_demo
from intranet.promotion import demo
from intranet.promotion.models import Promotion, PromotionStatus
from news import demo as news_demo

pytestmark = pytest.mark.django_db


def test_demo_has_promotions_in_every_status_and_runs_twice():
    for module in (core_demo, case_demo, news_demo):
        module.seed(rng=random.Random(1), log=lambda message: None)
    demo.seed(rng=random.Random(1), log=lambda message: None)
    statuses = set(Promotion.objects.values_list("status", flat=True))
    assert statuses == set(PromotionStatus.values)
    count = Promotion.objects.count()
    demo.seed(rng=random.Random(1), log=lambda message: None)
    assert Promotion.objects.count() == count
