"""Each database's own search structures over the index's rows (see sahifa/search/backends).

SQLite: an FTS5 table over the documents' analysed text and a trigram FTS5 table over the
vocabulary, both external-content tables kept in step by triggers.
PostgreSQL: a generated, weighted tsvector column with a GIN index, and pg_trgm's
trigram index over the vocabulary."""

from django.db import migrations

SQLITE = [
    # The analysed text only (search_searchtext): language, state, category and date are
    # read from the narrow documents table, joined by rowid.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, body, extra,
        content='search_searchtext', content_rowid='document_id',
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, headline, body, extra)
        VALUES (new.document_id, new.headline, new.body, new.extra);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body, extra)
        VALUES ('delete', old.document_id, old.headline, old.body, old.extra);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body, extra)
        VALUES ('delete', old.document_id, old.headline, old.body, old.extra);
        INSERT INTO search_fts(rowid, headline, body, extra)
        VALUES (new.document_id, new.headline, new.body, new.extra);
    END""",
    """CREATE VIRTUAL TABLE search_word_fts USING fts5(
        word, content='search_searchword', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_word_fts_insert AFTER INSERT ON search_searchword BEGIN
        INSERT INTO search_word_fts(rowid, word) VALUES (new.id, new.word);
    END""",
    """CREATE TRIGGER search_word_fts_delete AFTER DELETE ON search_searchword BEGIN
        INSERT INTO search_word_fts(search_word_fts, rowid, word) VALUES ('delete', old.id, old.word);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_word_fts_delete",
    "DROP TRIGGER IF EXISTS search_word_fts_insert",
    "DROP TABLE IF EXISTS search_word_fts",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE search_searchtext ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', headline), 'A')
        || setweight(to_tsvector('simple', body), 'B')
        || setweight(to_tsvector('simple', extra), 'C')) STORED""",
    "CREATE INDEX search_text_vector ON search_searchtext USING gin (vector)",
    "CREATE INDEX search_document_language ON search_searchdocument (language)",
    "CREATE INDEX search_word_trigram ON search_searchword USING gin (word gin_trgm_ops)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_word_trigram",
    "DROP INDEX IF EXISTS search_document_language",
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS vector",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
