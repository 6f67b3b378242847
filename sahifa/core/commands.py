"""The base of Sahifa's management commands: help in the operator's language.

A command's ``help`` is a class attribute, made when its module is imported: it must be
lazy (``gettext_lazy``) to follow the language `sahifa` activates from LANG. argparse
wraps a parser's description with ``re``, which takes only ``str``, so the lazy help is
read here, in the language active when the parser is built. Arguments' help is written
in ``add_arguments`` (run then too) with ``gettext``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class TranslatedCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
