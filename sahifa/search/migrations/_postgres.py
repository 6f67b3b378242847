"""For the search migrations that change PostgreSQL's own structures only (indexes,
storage, statistics): statements run on PostgreSQL, nothing on other databases. Its
name starts with an underscore, so Django does not take it for a migration."""

from django.db import migrations


def statements(forward: list[str], reverse: list[str]) -> migrations.RunPython:
    def run(sql: list[str]):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in sql:
                    schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(reverse))
