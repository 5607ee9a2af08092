"""PostgreSQL keeps an entry's facet value ids in an ``integer[]`` on the entry, counted with
``unnest`` and filtered with ``&&``: a broad query's facet counts then read the matches
only, not a join with a row per (entry, value). SQLite keeps ``search_indexfacet``."""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN facet_ids integer[] NOT NULL DEFAULT '{}'",
    """UPDATE search_indexentry e SET facet_ids = f.ids FROM (
        SELECT entry_id, array_agg(facet_value_id ORDER BY facet_value_id) AS ids
        FROM search_indexfacet GROUP BY entry_id
    ) f WHERE f.entry_id = e.id""",
    "DELETE FROM search_indexfacet",
]
POSTGRES_BACKWARD = [
    """INSERT INTO search_indexfacet (entry_id, facet_value_id)
    SELECT e.id, u.id FROM search_indexentry e, unnest(e.facet_ids) AS u(id)""",
    "ALTER TABLE search_indexentry DROP COLUMN facet_ids",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_access_terms_and_facet_values")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
