"""Search backends behind one interface (``base.Backend``).

- ``database``: our own index tables plus SQLite FTS5 or PostgreSQL full-text search.
- ``elastic``: Elasticsearch through elasticsearch-dsl (``ELASTICSEARCH_URL``).
"""
