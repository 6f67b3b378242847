"""The `sahifa` console command: Django's management commands with Sahifa's settings,
speaking the operator's language (LANG / LC_ALL; English by default)."""

import os
import sys

from sahifa.core.terminal import console_log_level, terminal_language


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahifa.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else None
    if level := console_log_level(command, os.environ):
        os.environ.setdefault("SAHIFA_CONSOLE_LOG_LEVEL", level)
    import django
    from django.conf import settings
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    codes = [code for code, _name in settings.LANGUAGES]
    translation.activate(terminal_language(os.environ, codes))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
