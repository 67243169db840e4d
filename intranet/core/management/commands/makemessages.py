from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages without fuzzy guesses.

    msgmerge's fuzzy matching fills new entries with a similar old translation and
    marks them fuzzy; they look translated in review but are not used at run time.
    """

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
