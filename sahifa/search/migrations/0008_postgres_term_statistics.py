"""PostgreSQL: ten times the default statistics for the texts' vectors and the
headline's index, so the planner knows how rare a rare word is. With the default, it
keeps the commonest thousand terms and takes every other term for about as common as
the least of them: at 100,000 articles it expected 2,000 matches for three words
matching 33, chose to walk the texts newest first until it had found enough, and read
all of them (200 ms; a bitmap of the index's matches takes a few). ANALYZE then samples
every row of a table this size: about two seconds at 100,000 articles."""

from django.db import migrations

from sahifa.search.migrations._postgres import statements

TARGET = 1000  # the default is 100

FORWARD = [
    f"ALTER TABLE search_searchtext ALTER COLUMN vector SET STATISTICS {TARGET}",
    f"ALTER INDEX search_text_headline ALTER COLUMN 1 SET STATISTICS {TARGET}",
    "ANALYZE search_searchtext",
]
REVERSE = [
    "ALTER TABLE search_searchtext ALTER COLUMN vector SET STATISTICS -1",
    "ALTER INDEX search_text_headline ALTER COLUMN 1 SET STATISTICS -1",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_trigram_apart")]

    operations = [statements(FORWARD, REVERSE)]
