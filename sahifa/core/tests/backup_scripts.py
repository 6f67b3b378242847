"""Programs the backup test runs inside a site's own processes (each ``python -c``):
counting views, writing while the backup runs, and describing a site to compare."""

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"

# Views for every published article (article i gets i % 7 + 1 readers): half written to
# the database, the rest left waiting in the buffer. Prints the ids, the writer's first.
COUNT_VIEWS = f"""
import django, json; django.setup()
from sahifa.articles import selectors
from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import flush
ids = sorted(selectors.published().values_list("pk", flat=True))
buffer = get_buffer()
for round in (0, 1):
    for n, pk in enumerate(ids):
        for reader in range(n % 7 + 1):
            buffer.record(pk, f"198.51.100.{{reader}}-{{round}}", {AGENT!r})
    if round == 0:
        flush(buffer)
print(json.dumps({{"ids": ids, "waiting": buffer.pending_total()}}))
"""

# Until the stop file appears: a view of the writer's article from a new reader each
# time (the buffer), a draft of it every 20 views (revisions in the database), and a
# flush every 50 (the buffer's batches into the database, as web processes do).
WRITER = f"""
import django, json, os, sys; django.setup()
from sahifa.articles import actions
from sahifa.articles.models import Article
from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import flush
article_id, stop = int(sys.argv[1]), sys.argv[2]
buffer = get_buffer()
n = drafts = flushes = 0
while not os.path.exists(stop):
    buffer.record(article_id, f"writer-{{n}}", {AGENT!r})
    n += 1
    if n % 20 == 0:
        actions.save_draft(Article.objects.get(pk=article_id), via="shell", clean=False)
        drafts += 1
    if n % 50 == 0:
        flush(buffer)
        flushes += 1
    if n == 200:
        print("writing", flush=True)
print(json.dumps({{"views": n, "drafts": drafts, "flushes": flushes}}), flush=True)
"""

# Everything the comparison looks at, as JSON: articles' rows, pictures and their sizes
# with a checksum of each file's bytes, views per article (total and per day).
DESCRIBE = """
import django, hashlib, json; django.setup()
from django.db.models import Sum
from sahifa.articles.models import Article
from sahifa.images.models import NewsImage, NewsRendition
from sahifa.popularity.models import DailyViews

def digest(field):
    with field.open("rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

articles = {
    str(row["id"]): {k: str(v) for k, v in row.items()}
    for row in Article.objects.values()
}
pictures = {
    str(i.pk): [i.title, i.file.name, i.width, i.height, i.caption, digest(i.file)]
    for i in NewsImage.objects.all()
}
sizes = {
    f"{r.image_id}:{r.filter_spec}": [r.file.name, digest(r.file)]
    for r in NewsRendition.objects.all()
}
daily = {
    str(row["article_id"]): row["total"]
    for row in DailyViews.objects.values("article_id").annotate(total=Sum("views"))
}
print(json.dumps({"articles": articles, "pictures": pictures, "sizes": sizes, "daily": daily}))
"""
