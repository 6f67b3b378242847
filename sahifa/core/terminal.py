"""What a management command run from a shell speaks and prints: the operator's language
(from the locale environment, English by default) and only its own lines.

Imported before Django is set up: no Django imports at module level."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

DEFAULT_LANGUAGE = "en"
# POSIX: the first of these that is set decides the language of messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
# Commands whose log lines are what they print (servers, the job worker): their logs
# stay on the terminal at LOG_LEVEL.
LONG_RUNNING = {"serve", "run_huey", "runserver"}


def language_from_locale(value: str, languages: Iterable[str]) -> str | None:
    """The site language a POSIX locale names: ``ru_RU.UTF-8`` -> ``ru``,
    ``uz_UZ@cyrillic`` and ``uz_Cyrl_UZ`` -> ``uz-cyrl``, ``uz`` -> ``uz``; None for
    ``C``, ``POSIX`` and languages the site does not speak."""
    name, _at, modifier = value.partition("@")
    parts = name.split(".")[0].replace("-", "_").lower().split("_")
    language = parts[0]
    if language == "uz" and ("cyrl" in parts or modifier.lower() == "cyrillic"):
        language = "uz-cyrl"
    return language if language in set(languages) else None


def terminal_language(environ: Mapping[str, str], languages: Iterable[str]) -> str:
    for variable in LOCALE_VARIABLES:
        if value := environ.get(variable, "").strip():
            return language_from_locale(value, languages) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def console_log_level(command: str | None, environ: Mapping[str, str]) -> str | None:
    """The level of log lines a command shows on the terminal: WARNING for one-off
    commands (their INFO lines, e.g. the job runner's, go to the log file only), unless
    the operator sets LOG_LEVEL; None (the log level) for servers and the job worker."""
    if command in LONG_RUNNING or environ.get("LOG_LEVEL"):
        return None
    return "WARNING"
