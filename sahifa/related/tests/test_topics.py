"""With enough articles a language gets a topic basis; rebuild and the incremental path
then agree on what is similar."""

from __future__ import annotations

import io
import itertools
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from sahifa.articles.models import Article
from sahifa.related import engine, index, services
from sahifa.related.models import SimilarItem, TopicBasis

# Made-up words, many per subject, so articles on one subject are alike but not copies.
VOCABULARY = {
    subject: [f"{subject}{a}{b}" for a, b in itertools.product("bcdfghkm", repeat=2)]
    for subject in ("sport", "money")
}


@pytest.fixture
def corpus(make_category):
    category = make_category("en")
    locale = Locale.objects.get(language_code="en")
    rng = random.Random(7)
    now = timezone.now()
    articles = []
    for n in range(engine.TOPIC_MIN_DOCS + 20):
        subject = "sport" if n % 2 else "money"
        words = VOCABULARY[subject]
        body = " ".join(rng.choice(words) for _ in range(40))
        articles.append(
            Article(
                headline=" ".join(rng.sample(words, 4)),
                slug=f"a-{n}",
                lead="",
                body=f"<p>{body}</p>",
                locale=locale,
                category=category,
                live=True,
                first_published_at=now - timedelta(hours=n),
                updated_at=now,
            )  # fmt: skip
        )
    Article.objects.bulk_create(articles)
    return {a.pk: ("sport" if int(a.slug[2:]) % 2 else "money") for a in Article.objects.all()}


@pytest.mark.slow
def test_rebuild_fits_topics_and_a_fresh_worker_agrees(corpus):
    call_command("similar", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    assert TopicBasis.objects.filter(language="en").exists()
    assert index.get("en").topics is not None
    pairs = SimilarItem.objects.values_list("article_id", "similar_id")
    same = [corpus[a] == corpus[b] for a, b in pairs]
    assert len(same) == len(corpus) * services.stored_count()
    assert sum(same) / len(same) > 0.95

    article = Article.objects.select_related("locale").get(slug="a-3")
    rebuilt = list(
        SimilarItem.objects.filter(article=article).order_by("rank").values_list("similar_id")
    )
    index.reset()  # as a fresh worker would: load from the stored terms and basis
    fresh = [(pk,) for pk, _, _ in services.compute(article, services.stored_count())]
    assert fresh == rebuilt
