"""The search index (our own tables, so search works the same whatever apps are installed),
and what editors curate: synonyms, best bets, and the zero-results report.

``IndexEntry`` is one denormalised row per indexed item. Its visibility tokens are stored as
indexed terms (``access``), so the database filters by visibility inside the full-text match
itself rather than in a join afterwards. An entry's ``FacetValue``s (small integer keys, so
counting facets over many matches groups integers, not strings) are rows of ``IndexFacet`` on
SQLite and an ``integer[]`` column ``facet_ids`` on PostgreSQL (migration 0003). The
full-text index lives beside it, created by the migrations for the database in use: an FTS5
table (porter stemming) on SQLite; a generated ``tsvector`` column with a GIN index, and a GIN
index on the access terms, on PostgreSQL.
"""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


def access_term(token: str) -> str:
    """A visibility token as one indexable word: hex digits between a letter and a digit,
    so no tokenizer splits it (``user:12``) and no stemmer changes it (``members``)."""
    return f"t{token.encode().hex()}0"


def access_terms(tokens) -> str:
    return " ".join(access_term(t) for t in sorted(tokens))


class IndexEntry(models.Model):
    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=500)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True)
    facets = models.JSONField(default=dict, blank=True)
    boost = models.FloatField(default=1.0)
    indexed_at = models.DateTimeField(default=timezone.now)
    # The visibility tokens of the item, as ``access_terms`` (space-separated).
    access = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_key")
        ]
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["url"]),
            # Ranking and date order read only these for every match; the covering index keeps
            # them from reading each matching row, body and all.
            models.Index(fields=["id", "boost", "date"], name="search_entry_rank_idx"),
        ]
        verbose_name_plural = "index entries"

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"

    def visible_with(self, tokens) -> bool:
        return not {access_term(t) for t in tokens}.isdisjoint(self.access.split())


class FacetValue(models.Model):
    """One facet value (e.g. topic "Labor trafficking"), stored once."""

    name = models.CharField(max_length=40)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "value"], name="search_facet_value_unique")
        ]

    def __str__(self):
        return f"{self.name}: {self.value}"


class IndexFacet(models.Model):
    """An entry's facet value, on SQLite (PostgreSQL keeps them in ``facet_ids``)."""

    entry = models.ForeignKey(
        IndexEntry, on_delete=models.CASCADE, related_name="facet_values", db_index=False
    )
    facet_value = models.ForeignKey(
        FacetValue, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        # Facet counts and facet filters look an entry's values up by entry: covering.
        indexes = [models.Index(fields=["entry", "facet_value"], name="search_facet_entry_idx")]

    def __str__(self):
        return f"{self.entry_id}: {self.facet_value_id}"


class Synonym(models.Model):
    """Expressions that mean the same thing to a practitioner; a query with any of them finds
    items with any of them (e.g. "CSEC, commercial sexual exploitation of children")."""

    terms = models.TextField(
        help_text="Equivalent words or phrases separated by commas, e.g. "
        "“LEO, law enforcement officer”."
    )

    panels = [FieldPanel("terms")]

    def __str__(self):
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class BestBet(models.Model):
    """An editor's pick shown above the results for exact queries."""

    queries = models.TextField(
        help_text="Queries that show this pick, separated by commas (case does not matter)."
    )
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=500, help_text="A path on this site, e.g. /library/…")
    description = models.CharField(max_length=300, blank=True)

    panels = [
        FieldPanel("queries"),
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    def __str__(self):
        return self.title

    @property
    def query_list(self) -> list[str]:
        return [" ".join(q.lower().split()) for q in self.queries.split(",") if q.strip()]


class ZeroResultQuery(models.Model):
    """What people looked for and did not find. Only the query text: no user, no session."""

    query = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-count", "-last_seen"]

    def __str__(self):
        return self.query
