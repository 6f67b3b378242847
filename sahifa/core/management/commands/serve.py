"""`sahifa serve`: the production web server (gunicorn) on 127.0.0.1:$PORT."""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn on 127.0.0.1:$PORT (default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        # Pages cost CPU, not waiting: one process per core and one spare. Two threads
        # each keep connections alive (gthread) and overlap the short database waits.
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1))),
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "2")))
        parser.add_argument("--no-collectstatic", action="store_true")

    def handle(
        self, *args, host: str, port: str, workers: int, threads: int, no_collectstatic: bool, **kw
    ):
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Sahifa on http://{host}:{port}/ ({workers} workers, {threads} threads)")
        self.stdout.flush()
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        os.execv(
            gunicorn,
            [
                gunicorn,
                "sahifa.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--forwarded-allow-ips",
                os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                *access_log_args(),
            ],
        )


def access_log_args() -> list[str]:
    """A line per request on stdout when SAHIFA_ACCESS_LOG is on (the default). Behind a
    proxy that logs already, turn it off: at beacon rates the line is a tenth of the cost."""
    from django.conf import settings

    return ["--access-logfile", "-"] if settings.SAHIFA_ACCESS_LOG else []
