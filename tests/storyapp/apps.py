from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoryappConfig(AppConfig):
    """A third kind of story, installed by the test settings only.

    It plugs in the way README "Architecture" says a new kind of story does:
    one page model that inherits ``Story`` and ``Searchable``, nothing else.
    The tests beside it show search, the front page, promotion, dialogue and
    the plan finding it without a line of theirs naming it.
    """

    name = "tests.storyapp"
    label = "storyapp"
    verbose_name = _("Events")
