"""`feed` became a route: `/<lang>/feed/` is a language's feed and
`/<lang>/<category>/feed/` a category's. A category or article that already had the slug
`feed` would be hidden behind them, so it moves to the first free `feed-2`, `feed-3`...
(its old address now serves the feed; nothing else changes)."""

from django.db import migrations

RESERVED = "feed"


def _free_slug(models, locale_id: int) -> str:
    taken = {
        slug
        for model in models  # for articles, slugs they had before count too (redirects)
        for slug in model.objects.filter(
            locale_id=locale_id, slug__startswith=f"{RESERVED}-"
        ).values_list("slug", flat=True)
    }
    n = 2
    while f"{RESERVED}-{n}" in taken:
        n += 1
    return f"{RESERVED}-{n}"


def free_feed_slug(apps, schema_editor):
    former = apps.get_model("articles", "FormerSlug")
    for name in ("Category", "Article"):
        model = apps.get_model("articles", name)
        holders = [model, former] if name == "Article" else [model]
        for item in model.objects.filter(slug=RESERVED):
            new_slug = _free_slug(holders, item.locale_id)
            model.objects.filter(pk=item.pk).update(slug=new_slug)
            print(f"\n  {name} {item.pk}: slug '{RESERVED}' is a route now; renamed to '{new_slug}'")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_list_indexes")]

    operations = [migrations.RunPython(free_feed_slug, migrations.RunPython.noop)]
