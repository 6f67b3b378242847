"""Sahifa's settings: driven by environment variables with safe defaults, one module
per concern. `DJANGO_SETTINGS_MODULE=sahifa.settings` names this package, which
composes them.

With no environment at all the site runs on an SQLite file and a SQLite job queue
under ``var/``. Set ``DATABASE_URL`` (``postgres://...``) and ``REDIS_URL`` to grow.

No setting is defined in two modules, so the order below does not matter: a module
that reads another's values imports them itself (all read ``env``: the folders and
the parsers of environment variables).
"""

from sahifa.settings.base import *  # noqa: F403
from sahifa.settings.caching import *  # noqa: F403
from sahifa.settings.env import *  # noqa: F403
from sahifa.settings.operations import *  # noqa: F403
from sahifa.settings.security import *  # noqa: F403
from sahifa.settings.services import *  # noqa: F403
