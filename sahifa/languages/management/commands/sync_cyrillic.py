"""Write the Uzbek Cyrillic version of every Uzbek Latin category and article that has
none or follows its Latin one (after a bulk import, or to start using the feature);
versions edited by hand are left alone."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.articles import actions, events
from sahifa.articles.models import Article, Category
from sahifa.core.commands import TranslatedCommand
from sahifa.languages import sync


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Write Uzbek Cyrillic versions from the Uzbek Latin ones (hand edits are kept)."
    )

    def handle(self, *args, **options) -> None:
        with events.batch(actions.SHELL):  # one change event for the whole run
            for model in (Category, Article):
                self.sync_all(model)

    def sync_all(self, model: type[Article] | type[Category]) -> None:
        latin = model.objects.filter(locale__language_code=sync.LATIN).select_related("locale")
        written = failed = 0
        for item in latin.iterator():
            try:
                with transaction.atomic():  # an item is written whole or not at all
                    sync.sync(item)
                written += 1
            except Exception as exc:  # one bad item must not stop the others
                failed += 1
                self.stderr.write(
                    _("%(model)s %(pk)s: %(error)s")
                    % {"model": model._meta.verbose_name, "pk": item.pk, "error": exc}
                )
        self.stdout.write(
            _("%(model)s: %(n)d checked, %(failed)d failed")
            % {"model": model._meta.verbose_name_plural, "n": written, "failed": failed}
        )
