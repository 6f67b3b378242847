"""Make sure every language has its locale and its home page, and the site points at
them. Runs after every migrate; safe to run again."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site


@transaction.atomic
def ensure_site() -> None:
    from sahifa.pages.models import HomePage

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    root = Page.get_first_root_node()
    if root is None:  # after `flush` (tests that truncate tables) the trees are empty
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    # Wagtail's placeholder "Welcome" page is not part of the site.
    for placeholder in root.get_children().filter(content_type__model="page"):
        placeholder.delete()
    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=settings.WAGTAIL_SITE_NAME, slug="home", locale=default_locale)
        )
    for locale in Locale.objects.exclude(pk=default_locale.pk):
        if not HomePage.objects.filter(locale=locale).exists():
            home.copy_for_translation(locale, copy_parents=True).save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
