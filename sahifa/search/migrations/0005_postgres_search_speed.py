"""PostgreSQL, for searches at scale (bench/search_speed.py):

* a GIN index of the headline's terms alone: the articles whose headline matches are
  found, and ranked first, without reading every match's whole vector;
* the texts' rows kept narrow (their text and vector stored out of line, in TOAST):
  each match the GIN index finds costs a visit to its row, and thousands of wide rows
  (three to a page) cost thousands of page reads; narrow ones share a few hundred pages.
  Rows written before this keep their layout until `sahifa search --rebuild`;
* the documents' language with their ids (and state) in one index, read alone (an
  index-only scan) to keep a language's public matches, in id order; it serves the
  lookups by language the single-column index did, which goes."""

from django.db import migrations

from sahifa.search.migrations._postgres import statements

FORWARD = [
    "CREATE INDEX search_text_headline ON search_searchtext"
    " USING gin (to_tsvector('simple'::regconfig, headline))",
    "ALTER TABLE search_searchtext SET (toast_tuple_target = 128)",
    "CREATE INDEX search_document_language_id ON search_searchdocument"
    " (language, article_id) INCLUDE (public)",
    "DROP INDEX IF EXISTS search_document_language",
]
REVERSE = [
    "CREATE INDEX IF NOT EXISTS search_document_language ON search_searchdocument (language)",
    "DROP INDEX IF EXISTS search_document_language_id",
    "ALTER TABLE search_searchtext RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_text_headline",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_indexed_at")]

    operations = [statements(FORWARD, REVERSE)]
