"""`sahifa serve`: the production web server (granian, WSGI) on 127.0.0.1:$PORT.

Granian speaks HTTP in Rust and hands each request to Django in a worker thread: its
own cost per request is a fifth of gunicorn's, which is what lets one small machine take
thousands of view beacons a second beside the pages (bench/beacon.py).

This process becomes a small supervisor (`sahifa.core.supervise`) of granian and, with
``--with-worker``, the job worker: Ctrl-C or SIGTERM stops them all within seconds."""

import json
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahifa.core.commands import TranslatedCommand
from sahifa.core.metrics import remove_dead_files


class Command(TranslatedCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Serve the site with granian on 127.0.0.1:$PORT (default 8000)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("HOST", "127.0.0.1"),
            help=_("the address to listen on (default: HOST, else 127.0.0.1)"),
        )
        parser.add_argument(
            "--port",
            default=os.environ.get("PORT", "8000"),
            help=_("the port to listen on (default: PORT, else 8000)"),
        )
        # Pages cost CPU, not waiting: one process per core, one request at a time each.
        # A second thread in a worker only fights the first for the GIL: with two
        # requests on one worker, both took twice as long and fewer got done (article
        # page p50 16-25 ms against 12 ms, beacons 4,400-4,700/s against 5,100-5,600/s,
        # bench/pages.py and bench/beacon.py). Raise WEB_THREADS where requests wait on
        # slow services.
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 1))),
            help=_("server processes (default: WEB_CONCURRENCY, else one per core)"),
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "1")),
            help=_("threads per process (default: WEB_THREADS, else 1)"),
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help=_("do not collect the static files first"),
        )
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help=_("Run the job worker (sahifa run_huey) beside the server, stopped with it."),
        )

    def handle(
        self,
        *args,
        host: str,
        port: str,
        workers: int,
        threads: int,
        no_collectstatic: bool,
        with_worker: bool,
        **kw,
    ):
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Metrics files of processes gone since the last start (the job worker's stay).
        remove_dead_files(settings.SAHIFA_METRICS_DIR)
        self.stdout.write(f"Sahifa on http://{host}:{port}/ ({workers} workers, {threads} threads)")
        self.stdout.flush()
        # The workers' settings name the site by the address it is served on
        # (SAHIFA_BASE_URL's default), whether it came from the environment or a flag.
        os.environ.update(HOST=host, PORT=str(port))
        commands = [granian_command(host, port, workers, threads)]
        if with_worker:
            commands.append([sys.executable, "-m", "sahifa.cli", "run_huey", "--quiet"])
        supervisor = [sys.executable, "-m", "sahifa.core.supervise", json.dumps(commands)]
        os.execv(sys.executable, supervisor)


def granian_command(host: str, port: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--no-ws",
        # Slow and idle clients (docs/security.md): a client that starts a request must
        # send its headers within SAHIFA_HEADER_TIMEOUT_SECONDS, or is cut off; and each
        # worker holds up to SAHIFA_MAX_CONNECTIONS open connections (granian's default,
        # 512, let about 1,100 idle connections shut every reader out; an idle one costs
        # a few kilobytes). Connections that never send a byte are only closed by a proxy
        # in front (docs/security.md), which also caps connections per address.
        "--http1-header-read-timeout",
        str(int(settings.SAHIFA_HEADER_TIMEOUT_SECONDS * 1000)),
        "--backpressure",
        str(settings.SAHIFA_MAX_CONNECTIONS),
        "--backlog",
        str(settings.SAHIFA_LISTEN_BACKLOG),
        # A worker that dies (out of memory, say) is replaced rather than leaving a core idle.
        "--respawn-failed-workers",
        # A worker that does not stop within seconds of being told is killed.
        "--workers-kill-timeout",
        "3",
        # A line per request on stdout when SAHIFA_ACCESS_LOG is on (the default); behind a
        # proxy that logs already, turn it off.
        "--access-log" if settings.SAHIFA_ACCESS_LOG else "--no-access-log",
        "sahifa.wsgi:application",
    ]
