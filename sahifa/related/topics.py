"""Fitting a language's topic basis: truncated SVD of its TF-IDF matrix (latent
semantic analysis). Refitted by a rebuild, and by the background job when the language
has no basis yet or has doubled in size since the last fit."""

from __future__ import annotations

import numpy as np
from django.utils import timezone
from sklearn.decomposition import TruncatedSVD

from sahifa.related.engine import TOPIC_MIN_DOCS
from sahifa.related.index import Index, dump_basis
from sahifa.related.models import TopicBasis

DIMENSIONS = 40
MIN_DF = 2  # a term in one article says nothing about topics
MAX_TERMS = 100_000  # the most frequent terms, to bound the basis' size


def needs_fit(index: Index) -> bool:
    if index.size < TOPIC_MIN_DOCS:
        return False
    fitted = TopicBasis.objects.filter(language=index.language).values_list("doc_count", flat=True)
    return not fitted or index.size >= 2 * fitted[0]


def fit(index: Index) -> None:
    """Fit and store the basis of the index's language."""
    matrix, _ = index.alive_matrix()
    df = index.df[: matrix.shape[1]]
    columns = np.flatnonzero(df >= MIN_DF)
    if len(columns) > MAX_TERMS:
        columns = columns[np.argsort(-df[columns], kind="stable")[:MAX_TERMS]]
        columns.sort()
    dimensions = min(DIMENSIONS, matrix.shape[0] - 1, len(columns) - 1)
    if dimensions < 2:
        return
    svd = TruncatedSVD(dimensions, algorithm="randomized", n_iter=5, random_state=0)
    svd.fit(matrix[:, columns])
    by_column = {col: term for term, col in index.vocab.items()}
    terms = [by_column[int(c)] for c in columns]
    components = svd.components_.T.astype(np.float32)
    basis, _ = TopicBasis.objects.update_or_create(
        language=index.language,
        defaults={
            "doc_count": matrix.shape[0],
            "data": dump_basis(terms, components),
            "fitted_at": timezone.now(),
        },
    )
    index.set_basis(terms, components, basis.fitted_at)
