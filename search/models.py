"""The database search index and the outbox of index updates still to send."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexEntry(models.Model):
    """One searchable document in the database backend.

    The full text index lives beside it: an FTS5 table of stemmed text on SQLite
    (``search_entry_fts``, rowid = page id) or a generated ``tsvector`` column
    with the ``norwegian`` configuration on PostgreSQL (see the migrations).
    """

    # Small filter columns first and the long text last: SQLite then reads
    # everything facets need from a row's first page.
    page_id = models.BigIntegerField(primary_key=True)
    restriction = models.CharField(max_length=10)
    content_type = models.CharField(max_length=20)
    unit = models.CharField(max_length=120, blank=True)
    sector = models.CharField(max_length=120, blank=True)
    year = models.PositiveSmallIntegerField()
    # Local (Europe/Oslo) calendar day as days since 1970-01-01: date filters and
    # the recency boost compare integers on every database.
    published_day = models.IntegerField()
    case_id = models.BigIntegerField(null=True, blank=True)
    published = models.DateTimeField()
    url = models.CharField(max_length=1000)
    title = models.CharField(max_length=255)
    intro = models.TextField(blank=True)
    body = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    document = models.JSONField()

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [
            # Covers every facet and filter column: counting never touches the
            # (long) rows themselves. Single-column indexes on these would tempt
            # SQLite away from driving queries by the (small) text match.
            models.Index(
                fields=[
                    "page_id",
                    "restriction",
                    "content_type",
                    "unit",
                    "sector",
                    "year",
                    "published_day",
                    "case_id",
                ],
                name="search_entry_facets",
            ),
            models.Index(fields=["restriction", "page_id"], name="search_entry_access"),
            models.Index(fields=["case_id"], name="search_entry_case"),
            models.Index(fields=["-published", "-page_id"], name="search_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class IndexTerm(models.Model):
    """A multi-valued filter value of an entry: topic, theme, tag, person, group."""

    entry = models.ForeignKey(
        IndexEntry, on_delete=models.CASCADE, related_name="terms"
    )
    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=150)

    class Meta:
        verbose_name = _("search index term")
        verbose_name_plural = _("search index terms")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "kind", "value"], name="search_term_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "value", "entry"], name="search_term_value")
        ]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class PendingIndexUpdate(models.Model):
    """A page whose update did not reach the search engine; retried later.

    ``manage.py search_retry`` re-reads the page, so the latest state wins.
    """

    page_id = models.BigIntegerField(_("page id"), unique=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"page {self.page_id}"


class SynonymGroup(models.Model):
    """Words and abbreviations that mean the same here ("SFO" and
    "skolefritidsordning"): a search for one finds the others
    (``search.synonyms``). Kept by the communication team in the admin."""

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_(
            "One term per line (or separated by commas), e.g. “SFO” and "
            "“skolefritidsordning”. A term may be several words."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return " = ".join(self.term_list())

    def term_list(self) -> list[str]:
        """The terms as typed, without blanks and repeats."""
        parts = (
            part.strip() for line in self.terms.splitlines() for part in line.split(",")
        )
        return list(dict.fromkeys(part for part in parts if part))


class BestBet(models.Model):
    """A page the communication team recommends ("Anbefalt") for searches: shown
    above the results when the query is one of ``queries`` (letters folded, so
    "sfo" and "SFO", "lonn" and "lønn" meet)."""

    queries = models.TextField(
        _("searches"),
        help_text=_("One search per line, e.g. “lønn” or “feriepenger”."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("Shown under the title. Empty: the page's search description."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )

    class Meta:
        verbose_name = _("recommended page")
        verbose_name_plural = _("recommended pages")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{', '.join(self.query_list())} → {self.page}"

    def query_list(self) -> list[str]:
        return list(
            dict.fromkeys(
                line.strip() for line in self.queries.splitlines() if line.strip()
            )
        )


class IndexWord(models.Model):
    """A word of the indexed text, lower-cased, and in how many documents that
    every signed-in person may read it occurs: the dictionary that typo
    tolerance ("Mente du …?") draws its spellings from.

    Words found only in pages restricted to some groups are never counted, so
    no suggestion can reveal them (see ``search.dictionary``).
    """

    word = models.CharField(max_length=60, primary_key=True)
    folded = models.CharField(max_length=60)
    # The folded word's first letter and length: where spellings are looked up.
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    documents = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("search index word")
        verbose_name_plural = _("search index words")
        indexes = [
            models.Index(fields=["initial", "length"], name="search_word_spelling")
        ]

    def __str__(self) -> str:
        return self.word
