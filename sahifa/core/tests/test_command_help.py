"""Every Sahifa management command prints its help, in each of the site's languages, as
an operator asks for it (`sahifa help import`, `sahifa sources --help`), and the help of
the command, its arguments and its subcommands is translated."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandParser
from django.utils import translation

OURS = sorted((name, app) for name, app in get_commands().items() if app.startswith("sahifa."))
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def squeezed(text: str) -> str:
    """Without whitespace: argparse wraps help at the terminal's width (and at hyphens)."""
    return "".join(text.split())


def printed_help(name: str, app: str, language: str, capsys) -> str:
    command = load_command_class(app, name)
    with translation.override(language), pytest.raises(SystemExit) as exited:
        command.run_from_argv(["sahifa", name, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


class HelpRecorder(CommandParser):
    """Keeps the help of every argument and subcommand added (subcommands' parsers are of
    the same class, so theirs too). Each use makes a subclass with a list of its own."""

    helps: list[str]

    def add_argument(self, *args, **kwargs):
        # argparse's own -h of each subcommand is not ours to translate.
        if kwargs.get("action") != "help" and kwargs.get("help") is not argparse.SUPPRESS:
            self.helps.append(str(kwargs.get("help", f"(no help for {args[0]})")))
        return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        subcommands = super().add_subparsers(**kwargs)
        add_parser, helps = subcommands.add_parser, self.helps

        def add_recorded(name, **options):
            if "help" in options:
                helps.append(str(options["help"]))
            return add_parser(name, **options)

        subcommands.add_parser = add_recorded
        return subcommands


def own_helps(name: str, app: str, language: str) -> list[str]:
    """The command's description, then the help of what `add_arguments` adds."""
    command = load_command_class(app, name)
    recorder = type("Recorder", (HelpRecorder,), {"helps": []})
    with translation.override(language):
        recorder(prog=name).helps.append(str(type(command).help))
        command.add_arguments(parser := recorder(prog=name))
    return parser.helps


def test_every_command_of_every_app_is_here():
    ours = [config for config in apps.get_app_configs() if config.name.startswith("sahifa.")]
    with_commands = {c.name for c in ours if (Path(c.path) / "management" / "commands").is_dir()}
    assert {app for _name, app in OURS} == with_commands
    assert ("import", "sahifa.interchange") in OURS and ("serve", "sahifa.core") in OURS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, app", OURS)
def test_help_is_printed_in_the_language(name, app, language, capsys):
    printed = printed_help(name, app, language, capsys)

    command_class = type(load_command_class(app, name))
    with translation.override(language):
        described = str(command_class.help)
    assert described
    assert squeezed(described) in squeezed(printed)


def test_help_from_a_shell_speaks_the_locales_language(tmp_path):
    clean = {"DJANGO_SETTINGS_MODULE", "LANGUAGE"} | {k for k in os.environ if k[:3] == "LC_"}
    env = {k: v for k, v in os.environ.items() if k not in clean}
    env.update(SAHIFA_VAR_DIR=str(tmp_path / "var"), LANG="ru_RU.UTF-8")
    sahifa = str(Path(sys.executable).with_name("sahifa"))

    run = subprocess.run(
        [sahifa, "help", "import"], env=env, capture_output=True, text=True, timeout=120
    )

    assert run.returncode == 0, run.stderr
    with translation.override("ru"):
        described = str(type(load_command_class("sahifa.interchange", "import")).help)
    assert squeezed(described) in squeezed(run.stdout)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
@pytest.mark.parametrize("name, app", OURS)
def test_help_of_commands_and_arguments_is_translated(name, app, language, capsys):
    english, translated = own_helps(name, app, "en"), own_helps(name, app, language)

    assert len(translated) == len(english) >= 1
    assert [text for text, same in zip(translated, english, strict=True) if text == same] == []
    # What `--help` shows in English (subcommands' arguments are in their own help) it
    # shows translated.
    shown = squeezed(printed_help(name, app, "en", capsys))
    printed = squeezed(printed_help(name, app, language, capsys))
    pairs = zip(translated, english, strict=True)
    missing = [
        text for text, same in pairs if squeezed(same) in shown and squeezed(text) not in printed
    ]
    assert missing == []
