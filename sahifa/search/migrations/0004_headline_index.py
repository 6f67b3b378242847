"""PostgreSQL: a GIN index of the headline's terms alone, so the articles whose headline
matches are found (and ranked first) without reading every match's whole vector."""

from django.db import migrations

CREATE = "CREATE INDEX search_text_headline ON search_searchtext USING gin (to_tsvector('simple'::regconfig, headline))"
DROP = "DROP INDEX IF EXISTS search_text_headline"


def _run(statement: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_newest_first_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
