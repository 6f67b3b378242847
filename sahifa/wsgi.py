import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahifa.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: it reaches the models.
from sahifa.popularity.wsgi import BeaconShortcut  # noqa: E402

application = BeaconShortcut(django_application)

# What start-up made (modules, models, URL patterns, settings) lives as long as the
# process: kept out of the garbage collector's full collections, which walk every object
# they see and stop the process meanwhile (docs/caching.md, "Pauses").
gc.freeze()
