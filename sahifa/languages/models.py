"""The names glossary, and what the Cyrillic keep-in-step remembers per generated item."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

# Language code -> the GlossaryTerm field holding its preferred spelling.
SPELLING_FIELDS = {"uz": "uz", "uz-cyrl": "uz_cyrl", "ru": "ru", "en": "en"}


class GlossaryTerm(index.Indexed, models.Model):
    """One name (a person, a place, an organisation) and how each language spells it."""

    uz = models.CharField(_("Uzbek (Latin)"), max_length=200, unique=True)
    uz_cyrl = models.CharField(
        _("Uzbek (Cyrillic)"),
        max_length=200,
        blank=True,
        help_text=_("Made from the Latin spelling when left empty."),
    )
    ru = models.CharField(_("Russian"), max_length=200, blank=True)
    en = models.CharField(_("English"), max_length=200, blank=True)
    variants = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("Spellings seen in the wild that no language should use, one per line."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("uz"), FieldPanel("uz_cyrl")]),
                FieldRowPanel([FieldPanel("ru"), FieldPanel("en")]),
            ],
            heading=_("Preferred spelling per language"),
        ),
        FieldPanel("variants"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("uz"),
        index.SearchField("uz_cyrl"),
        index.SearchField("ru"),
        index.SearchField("en"),
        index.SearchField("variants"),
        index.AutocompleteField("uz"),
    ]

    class Meta:
        verbose_name = _("glossary name")
        verbose_name_plural = _("names glossary")
        ordering = ["uz"]

    def __str__(self) -> str:
        return self.uz

    def save(self, *args, **kwargs) -> None:
        if not self.uz_cyrl.strip():
            from sahifa.languages.transliteration import latin_to_cyrillic

            self.uz_cyrl = latin_to_cyrillic(self.uz)
        super().save(*args, **kwargs)

    def spelling(self, language_code: str) -> str:
        """The preferred spelling in a language ("" when the glossary has none)."""
        return getattr(self, SPELLING_FIELDS.get(language_code, ""), "").strip()

    def all_spellings(self) -> set[str]:
        spellings = {self.spelling(code) for code in SPELLING_FIELDS}
        spellings |= {line.strip() for line in self.variants.splitlines()}
        return {s for s in spellings if s}


class CyrillicSync(models.Model):
    """A Cyrillic article or category generated from its Latin version: fingerprints of
    the Latin text it was made from and of the text it was given, so a later edit by
    hand (Cyrillic text no longer what was generated) is told apart from a stale copy
    (Latin text changed since)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    source_hash = models.CharField(max_length=64)
    generated_hash = models.CharField(max_length=64, blank=True)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_sync_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
