"""PostgreSQL: the texts' vectors kept in their rows (storage MAIN: compressed where it
pays, moved out of line only when a row would not fit a page), their text still out of
line (migration 0005). Finding a query's newest matches checks the vectors of the
newest texts one after another: reading each from TOAST cost an index lookup and a
chunk per text, several times the check itself (bench/search_speed.py). Rows written
before this keep their layout until `sahifa search --rebuild`."""

from django.db import migrations

from sahifa.search.migrations._postgres import statements

FORWARD = ["ALTER TABLE search_searchtext ALTER COLUMN vector SET STORAGE MAIN"]
REVERSE = ["ALTER TABLE search_searchtext ALTER COLUMN vector SET STORAGE EXTENDED"]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgres_search_speed")]

    operations = [statements(FORWARD, REVERSE)]
