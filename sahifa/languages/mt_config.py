"""Machine translation from the environment, for settings.py (no Django imports).

With nothing set, the admin's machine translation does Uzbek Latin <-> Cyrillic only, by
transliteration. ``SAHIFA_MT_SERVICE`` adds an outside service for the other pairs:

- ``deepl``: ``SAHIFA_MT_KEY`` (DeepL auth key)
- ``libretranslate``: ``SAHIFA_MT_URL`` (e.g. ``https://libretranslate.example``), ``SAHIFA_MT_KEY``
- ``google``: ``SAHIFA_MT_PROJECT`` (Google Cloud project id), credentials from
  ``GOOGLE_APPLICATION_CREDENTIALS``; needs ``pip install google-cloud-translate``
"""

from __future__ import annotations

from collections.abc import Mapping

_SERVICES = {
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "google": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
}


def machine_translator(env: Mapping[str, str]) -> dict:
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR setting for this environment."""
    name = env.get("SAHIFA_MT_SERVICE", "").strip().lower()
    options: dict = {}
    if name:
        if name not in _SERVICES:
            raise ValueError(
                f"SAHIFA_MT_SERVICE={name!r}: expected one of {', '.join(sorted(_SERVICES))}"
            )
        key = env.get("SAHIFA_MT_KEY", "")
        service_options = {
            "deepl": {"AUTH_KEY": key},
            "libretranslate": {"LIBRETRANSLATE_URL": env.get("SAHIFA_MT_URL", ""), "API_KEY": key},
            "google": {"PROJECT_ID": env.get("SAHIFA_MT_PROJECT", "")},
        }[name]
        options["SERVICE"] = {"CLASS": _SERVICES[name], "OPTIONS": service_options}
    return {"CLASS": "sahifa.languages.machine_translation.SahifaTranslator", "OPTIONS": options}
