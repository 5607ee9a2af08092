"""The search index (our own tables, so search works the same whatever apps are installed),
and what editors curate: synonyms, best bets, and the zero-results report.

``IndexEntry`` is one denormalised row per indexed item; ``IndexAccess`` holds its visibility
tokens and ``IndexFacet`` its facet values, so the access filter and facet counts are plain
indexed joins. The full-text index lives beside it, created by the migration for the database
in use: an FTS5 table (porter stemming) on SQLite, a generated ``tsvector`` column with a GIN
index on PostgreSQL.
"""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_key")
        ]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["url"])]
        verbose_name_plural = "index entries"

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"


class IndexAccess(models.Model):
    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["token", "entry"])]

    def __str__(self):
        return self.token


class IndexFacet(models.Model):
    entry = models.ForeignKey(IndexEntry, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value", "entry"])]

    def __str__(self):
        return f"{self.name}: {self.value}"


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
