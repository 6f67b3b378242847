"""A web worker never loads the similar-news engine (NumPy, SciPy, scikit-learn: seconds
of CPU and ~100 MB): every kind of public URL is served through the WSGI application in
a process of its own, and the similar-news endpoint only reads stored lists, queuing a
job when one is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow

PREPARE = textwrap.dedent(
    """
    import django, json
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from sahifa.interchange.importer import import_ninjs
    item = {"uri": "urn:t:1", "headline": "Metro opens", "language": "en",
            "firstcreated": "2025-01-30T09:47:00+05:00", "body_html": "<p>Trains.</p>",
            "subject": [{"name": "World", "code": "world"}]}
    report = import_ninjs([json.dumps(item)], source="t")
    assert report.ok, report.errors
    from sahifa.articles.models import Article
    print(Article.objects.get().get_url())
    """
)

SERVE = textwrap.dedent(
    """
    import io, json, sys
    from wsgiref.util import setup_testing_defaults
    from sahifa.wsgi import application
    from huey.contrib.djhuey import HUEY
    from sahifa.related.models import SimilarItem

    def get(path):
        path_info, _, query = path.partition("?")
        environ = {"PATH_INFO": path_info, "QUERY_STRING": query, "REQUEST_METHOD": "GET",
                   "HTTP_HOST": "127.0.0.1"}
        setup_testing_defaults(environ)
        environ["wsgi.input"] = io.BytesIO()
        status = []
        body = b"".join(application(environ, lambda s, h, e=None: status.append(s)))
        return int(status[0].split()[0]), body

    article = sys.argv[1]
    paths = ["/", "/uz/", "/en/", "/en/latest/", "/en/latest/page/2/", "/en/world/",
             "/en/world/page/1/", article, "/en/world/no-such-story/", "/ru/",
             "/api/similar/urn:t:1/", "/api/similar/urn:t:1/?limit=11", "/static/no.css",
             "/en/feed/", "/en/world/feed/atom/", "/sitemap.xml", "/sitemap-articles-en-1.xml"]
    statuses = {path: get(path)[0] for path in paths}
    answer = json.loads(get("/api/similar/urn:t:1/")[1])
    print(json.dumps({
        "statuses": statuses,
        "similar": answer,
        "queued": HUEY.pending_count(),
        "stored": SimilarItem.objects.count(),
        "heavy": sorted(m for m in ("numpy", "scipy", "sklearn") if m in sys.modules),
    }))
    """
)


def run(code: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def test_public_urls_never_load_the_similar_news_engine(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sahifa.settings",
        "SAHIFA_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE"):
        env.pop(name, None)
    article = run(PREPARE, env)
    served = json.loads(run(SERVE, env, article))
    assert served["heavy"] == [], served
    statuses = served["statuses"]
    assert statuses[article] == statuses["/en/"] == statuses["/en/world/"] == 200, statuses
    assert statuses["/en/world/no-such-story/"] == 404
    assert statuses["/en/feed/"] == statuses["/sitemap-articles-en-1.xml"] == 200, statuses
    assert statuses["/api/similar/urn:t:1/?limit=11"] == 400  # at most the 10 stored
    # No list yet: answered at once, empty, and a job queued; nothing computed here.
    assert served["similar"] == {"uri": "urn:t:1", "similar": [], "pending": True}
    assert served["stored"] == 0 and served["queued"] >= 1
