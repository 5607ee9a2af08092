"""Visibility filtered inside the full-text match, facets counted on integer keys.

- ``IndexEntry.access`` holds the visibility tokens as indexed terms (replacing the
  ``IndexAccess`` join table): on SQLite they are a column of the FTS5 table, so the match
  itself only yields what the viewer may open; on PostgreSQL a GIN index serves them.
- ``FacetValue`` stores each facet value once; ``IndexFacet`` points at it.
- A covering index gives ranking and date order the boost and date of every match without
  reading the entry rows.

Existing index data is carried over, so search keeps answering without a reindex.
"""

import django.db.models.deletion
from django.db import migrations, models


def _access_terms(tokens) -> str:
    # As search.models.access_terms at the time of this migration.
    return " ".join(f"t{token.encode().hex()}0" for token in sorted(tokens))


def carry_over(apps, schema_editor):
    IndexEntry = apps.get_model("search", "IndexEntry")
    IndexAccess = apps.get_model("search", "IndexAccess")
    IndexFacet = apps.get_model("search", "IndexFacet")
    FacetValue = apps.get_model("search", "FacetValue")
    db = schema_editor.connection.alias

    pairs = IndexFacet.objects.using(db).values_list("name", "value").distinct()
    for name, value in pairs:
        facet_value = FacetValue.objects.using(db).create(name=name, value=value)
        IndexFacet.objects.using(db).filter(name=name, value=value).update(
            facet_value=facet_value
        )

    tokens: dict[int, set[str]] = {}
    for entry_id, token in IndexAccess.objects.using(db).values_list("entry_id", "token"):
        tokens.setdefault(entry_id, set()).add(token)
    entries = [IndexEntry(id=pk, access=_access_terms(found)) for pk, found in tokens.items()]
    IndexEntry.objects.using(db).bulk_update(entries, ["access"], batch_size=500)


# The full-text index, rebuilt with the access terms as a column; suggestions get an index of
# their own (titles and keywords, with prefixes), so a prefix common in bodies stays cheap, and
# the main index loses the prefix indexes only suggestions used.
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body, access,
        content='search_indexentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE VIRTUAL TABLE search_suggest_fts USING fts5(
        title, keywords, access,
        content='search_indexentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body, access)
        VALUES (new.id, new.title, new.keywords, new.body, new.access);
        INSERT INTO search_suggest_fts(rowid, title, keywords, access)
        VALUES (new.id, new.title, new.keywords, new.access);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body, access)
        VALUES ('delete', old.id, old.title, old.keywords, old.body, old.access);
        INSERT INTO search_suggest_fts(search_suggest_fts, rowid, title, keywords, access)
        VALUES ('delete', old.id, old.title, old.keywords, old.access);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body, access)
        VALUES ('delete', old.id, old.title, old.keywords, old.body, old.access);
        INSERT INTO search_suggest_fts(search_suggest_fts, rowid, title, keywords, access)
        VALUES ('delete', old.id, old.title, old.keywords, old.access);
        INSERT INTO search_fts(rowid, title, keywords, body, access)
        VALUES (new.id, new.title, new.keywords, new.body, new.access);
        INSERT INTO search_suggest_fts(rowid, title, keywords, access)
        VALUES (new.id, new.title, new.keywords, new.access);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_suggest_fts(search_suggest_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_suggest_fts",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, keywords, body,
        content='search_indexentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_indexentry BEGIN
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_indexentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, keywords, body)
        VALUES ('delete', old.id, old.title, old.keywords, old.body);
        INSERT INTO search_fts(rowid, title, keywords, body)
        VALUES (new.id, new.title, new.keywords, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
POSTGRES_FORWARD = [
    "CREATE INDEX search_indexentry_access_gin ON search_indexentry "
    "USING gin (string_to_array(access, ' '))",
    """ALTER TABLE search_indexentry ADD COLUMN suggest_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(keywords, '')), 'B')
    ) STORED""",
    "CREATE INDEX search_indexentry_suggest_gin ON search_indexentry USING gin (suggest_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexentry_suggest_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS suggest_vector",
    "DROP INDEX IF EXISTS search_indexentry_access_gin",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="FacetValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40)),
                ("value", models.CharField(max_length=200)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("name", "value"), name="search_facet_value_unique"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="indexentry",
            name="access",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="indexfacet",
            name="facet_value",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.facetvalue",
            ),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="indexfacet", name="search_inde_name_5efa7a_idx"),
        migrations.RemoveField(model_name="indexfacet", name="name"),
        migrations.RemoveField(model_name="indexfacet", name="value"),
        migrations.AlterField(
            model_name="indexfacet",
            name="facet_value",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="search.facetvalue",
            ),
        ),
        migrations.AlterField(
            model_name="indexfacet",
            name="entry",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="facet_values",
                to="search.indexentry",
            ),
        ),
        migrations.AddIndex(
            model_name="indexfacet",
            index=models.Index(fields=["entry", "facet_value"], name="search_facet_entry_idx"),
        ),
        migrations.AddIndex(
            model_name="indexentry",
            index=models.Index(fields=["id", "boost", "date"], name="search_entry_rank_idx"),
        ),
        migrations.DeleteModel(name="IndexAccess"),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
