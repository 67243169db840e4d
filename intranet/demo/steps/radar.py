"""The positioning radar, trained on the demo's stories, so the promotion
board's "Radaren foreslår" column has suggestions from the start (in
production the nightly ``radar_train`` does this).

Runs after the stories and the promotions (a rejected promotion is no
example). A second run trains again on the same stories: the same scores.
"""

import random
from collections.abc import Callable

from intranet.promotion import radar, services
from intranet.promotion.models import RadarDismissal, RadarModel, RadarScore


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    del rng  # training is not random
    try:
        model = services.radar_train()
    except radar.NotEnoughExamples as error:
        log(f"Radar not trained: {error}")
        return
    log(
        f"Radar trained on {model.stories} stories; "
        f"{RadarScore.objects.count()} without a theme scored"
    )


def reset() -> None:
    RadarScore.objects.all().delete()
    RadarDismissal.objects.all().delete()
    RadarModel.objects.all().delete()
