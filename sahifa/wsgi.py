import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahifa.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: it reaches the models.
from sahifa.popularity.wsgi import BeaconShortcut  # noqa: E402

application = BeaconShortcut(django_application)
