"""Articles into the index: their text analysed once, here, with the analysis similar
news uses (`sahifa.core.text`), so every engine searches the same terms and Uzbek in
either script lands on the same keys. With a search cluster (`cluster`), what the
database index has is sent on to it once written: the database's index is always kept,
so a cluster that is down loses nothing (the job fails and is retried)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from sahifa.articles.models import Article
from sahifa.core.text.analysis import normaliser, plain_text, stemmer, tokens
from sahifa.search import cluster
from sahifa.search.backends import after_index, after_rebuild, bulk_insert, bulk_loading
from sahifa.search.models import SearchDocument, SearchText, SearchWord

MAX_WORD = 64  # longer "words" (run-together strings) are not worth correcting to
FIELDS = (
    "headline", "lead", "body", "byline", "locale__language_code", "category_id",
    "live", "expired", "expire_at", "first_published_at",
)  # fmt: skip


@dataclass
class Analysed:
    document: SearchDocument
    text: SearchText
    # normalised word -> (term, the word as written, lower case)
    words: dict[str, tuple[str, str]]


def terms(language: str, text: str) -> str:
    normalise, stem = normaliser(language, search=True), stemmer(language)
    return " ".join(stem(normalise(text)))


def written_words(language: str, text: str) -> dict[str, tuple[str, str]]:
    """Each normalised word of a text, with its term and one spelling as written."""
    normalise, stem = normaliser(language, search=True), stemmer(language)
    found: dict[str, str] = {}
    for token in tokens(text):
        lowered = token.lower()
        for word in normalise(lowered):
            if len(word) <= MAX_WORD:
                found.setdefault(word, lowered[:MAX_WORD])
    words = list(found)
    return {w: (t[:MAX_WORD], found[w]) for w, t in zip(words, stem(words), strict=True)}


def is_public(article: Article, now: datetime) -> bool:
    """Published as `selectors.is_published` says, by this process' clock (the copy the
    index filters by; what readers are shown is checked against the database)."""
    expiry = article.expire_at
    return article.live and not article.expired and (expiry is None or expiry > now)


def analyse(article: Article, now: datetime | None = None) -> Analysed:
    language = article.locale.language_code
    body = f"{article.lead}\n{plain_text(article.body)}"
    document = SearchDocument(
        article_id=article.pk,
        language=language,
        public=is_public(article, now or timezone.now()),
        category_id=article.category_id,
        published_at=article.first_published_at,
        words=" ".join(normaliser(language, search=True)(article.headline)),
    )
    text = SearchText(
        document_id=article.pk,
        headline=terms(language, article.headline),
        body=terms(language, body),
        extra=terms(language, article.byline),
    )
    return Analysed(document, text, written_words(language, f"{article.headline}\n{body}"))


def articles(article_ids: Iterable[int]) -> Iterator[Article]:
    return (
        Article.objects.filter(pk__in=list(article_ids))
        .select_related("locale")
        .only(*FIELDS)
        .order_by("pk")
        .iterator()
    )


def index(article_ids: Iterable[int]) -> None:
    """Add or refresh these articles (any state: drafts are found by the newsroom)."""
    analysed = [analyse(article) for article in articles(article_ids)]
    if not analysed:
        return
    ids = [a.document.pk for a in analysed]
    with transaction.atomic():
        known = set(SearchDocument.objects.filter(pk__in=ids).values_list("pk", flat=True))
        SearchDocument.objects.filter(pk__in=ids).delete()
        SearchDocument.objects.bulk_create([a.document for a in analysed])
        SearchText.objects.bulk_create([a.text for a in analysed])
        for item in analysed:
            # A word counts an article once, when the article first enters the index.
            add_words(item.document.language, item.words, 0 if item.document.pk in known else 1)
    after_index()
    if cluster.enabled():
        cluster.send(ids)


def remove(article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    SearchDocument.objects.filter(pk__in=ids).delete()
    if cluster.enabled():
        cluster.delete(ids)


def add_words(language: str, words: dict[str, tuple[str, str]], count: int) -> None:
    table = SearchWord._meta.db_table
    sql = (
        f"INSERT INTO {table} (language, word, stem, display, documents) "
        f"VALUES (%s, %s, %s, %s, %s) ON CONFLICT (language, word) "
        f"DO UPDATE SET documents = {table}.documents + excluded.documents"
    )
    rows = [(language, w, term, shown, count) for w, (term, shown) in words.items()]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def rebuild_all(article_ids: list[int], progress: Callable[[int], object] = lambda n: None) -> int:
    """Index these articles afresh, vocabulary counted exactly; returns how many."""
    vocabulary: dict[str, Counter[str]] = {}
    spelling: dict[tuple[str, str], tuple[str, str]] = {}
    with transaction.atomic(), bulk_loading():
        SearchText.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchWord.objects.all().delete()
        for start in range(0, len(article_ids), 500):
            chunk = [analyse(a) for a in articles(article_ids[start : start + 500])]
            bulk_insert([a.document for a in chunk], SearchDocument)
            bulk_insert([a.text for a in chunk], SearchText)
            for item in chunk:
                language = item.document.language
                vocabulary.setdefault(language, Counter()).update(item.words.keys())
                for word, pair in item.words.items():
                    spelling.setdefault((language, word), pair)
            progress(len(chunk))
        bulk_insert(
            (
                SearchWord(
                    language=language,
                    word=word,
                    stem=spelling[language, word][0],
                    display=spelling[language, word][1],
                    documents=count,
                )
                for language, counts in vocabulary.items()
                for word, count in counts.items()
            ),
            SearchWord,
            batch_size=2000,
        )
    after_rebuild()
    return len(article_ids)


def rebuild_cluster(progress: Callable[[int], object] = lambda n: None) -> int | None:
    """After `rebuild_all`: the cluster's index afresh from the database's (None: no
    cluster is set). Raises `cluster.ClusterError`."""
    return cluster.rebuild(progress) if cluster.enabled() else None
