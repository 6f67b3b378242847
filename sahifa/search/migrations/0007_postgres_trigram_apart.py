"""PostgreSQL: the vocabulary's trigram index over lower(word) rather than word. Since
pg_trgm 1.6 a trigram index also answers `=`, and the planner, which cannot tell how
common a trigram is, took it for the look-up of a misspelt word's few hundred one-edit
spellings (`word = ANY(...)`): a second and more for a Russian word, against a
millisecond through the (language, word) index. An index over an expression is only used
where a query names that expression, as the trigram look-up alone does (the words are
kept in lower case, so the expression changes nothing it finds)."""

from django.db import migrations

from sahifa.search.migrations._postgres import statements

FORWARD = [
    "DROP INDEX IF EXISTS search_word_trigram",
    "CREATE INDEX search_word_trigram ON search_searchword USING gin (lower(word) gin_trgm_ops)",
]
REVERSE = [
    "DROP INDEX IF EXISTS search_word_trigram",
    "CREATE INDEX search_word_trigram ON search_searchword USING gin (word gin_trgm_ops)",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgres_vector_inline")]

    operations = [statements(FORWARD, REVERSE)]
