"""The in-memory side of the index: one per language and process, loaded from the
stored term counts and kept in step with them incrementally (rows changed since the
last look are applied; nothing is rebuilt when one article is published).

Rows are sublinear TF-IDF vectors, L2-normalised, weighted with the document
frequencies known when the row was added. Beside them sit the rows' projections on the
language's topic basis (latent semantic analysis), when one has been fitted."""

from __future__ import annotations

import gc
import io
import threading
import time
from datetime import UTC, datetime, timedelta

import numpy as np
import scipy.sparse as sp
from django.db.models import Max

from sahifa.related.models import ArticleTerms, TopicBasis

_PENDING_LIMIT = 512  # appended rows merged into the main matrix past this many
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_LOOK_BACK = timedelta(seconds=30)
_BASIS_CHECK_SECONDS = 60


class Index:
    def __init__(self, language: str) -> None:
        self.language = language
        self.lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        """Forget every row, term and basis: the next sync loads them all again."""
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.row_of: dict[int, int] = {}
        self.stamps: dict[int, datetime] = {}  # article -> changed_at of the row applied
        self.count = 0  # rows used in ids/alive/topics (the arrays have spare room)
        self.ids = np.zeros(0, dtype=np.int64)
        self.alive = np.zeros(0, dtype=bool)
        self.matrix = sp.csr_matrix((0, 0), dtype=np.float32)
        self.inverted: sp.csr_matrix | None = None  # matrix.T: term -> postings
        self.pending: list[tuple[np.ndarray, np.ndarray]] = []
        self.topics: np.ndarray | None = None  # rows x k, L2-normalised
        self.basis_terms: np.ndarray | None = None  # vocab column -> basis column or -1
        self.components: np.ndarray | None = None  # basis columns x k
        self.basis_stamp: datetime | None = None
        self.basis_checked = 0.0  # monotonic time of the last look for a new basis
        self.synced_to: datetime | None = None

    # --- size ------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return int(self.alive[: self.count].sum())

    def __contains__(self, article_id: int) -> bool:
        row = self.row_of.get(article_id)
        return row is not None and bool(self.alive[row])

    # --- weighting -------------------------------------------------------------------
    def _columns(self, terms: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        cols = np.empty(len(terms), dtype=np.int32)
        counts = np.empty(len(terms), dtype=np.float32)
        for i, (term, count) in enumerate(terms.items()):
            col = self.vocab.get(term)
            if col is None:
                col = self.vocab[term] = len(self.vocab)
            cols[i], counts[i] = col, count
        if len(self.vocab) > len(self.df):
            grown = np.zeros(2 * len(self.vocab), dtype=np.int64)
            grown[: len(self.df)] = self.df
            self.df = grown
        order = np.argsort(cols)
        return cols[order], counts[order]

    def idf(self, cols: np.ndarray) -> np.ndarray:
        n = max(self.size, 1)
        return (np.log((1 + n) / (1 + self.df[cols])) + 1).astype(np.float32)

    def weigh(self, cols: np.ndarray, counts: np.ndarray) -> np.ndarray:
        weights = (1 + np.log(counts)) * self.idf(cols)
        norm = float(np.sqrt((weights * weights).sum()))
        return weights / norm if norm else weights

    def vector(self, terms: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """A text's weighted row, for articles not (yet) in the index. It may add words
        to the vocabulary, so it holds the lock as writes do."""
        with self.lock:
            cols, counts = self._columns(terms)
            return cols, self.weigh(cols, counts)

    # --- rows ------------------------------------------------------------------------
    def row(self, article_id: int) -> tuple[np.ndarray, np.ndarray]:
        return self._row_at(self.row_of[article_id])

    def put(self, article_id: int, terms: dict[str, int]) -> None:
        """Add or replace an article's row."""
        with self.lock:
            self.drop(article_id)
            cols, counts = self._columns(terms)
            self.df[cols] += 1
            weights = self.weigh(cols, counts)
            self.pending.append((cols, weights))
            r = self._new_row(article_id)
            if self.topics is not None:  # a basis is set
                self.topics[r] = self._project(cols, weights)
            if len(self.pending) > _PENDING_LIMIT:
                self._merge_pending()

    def drop(self, article_id: int) -> None:
        with self.lock:
            r = self.row_of.pop(article_id, None)
            if r is None or not self.alive[r]:
                return
            cols, _ = self._row_at(r)
            self.df[cols] -= 1
            self.alive[r] = False

    def _new_row(self, article_id: int) -> int:
        r = self.count
        if r == len(self.ids):
            room = max(1024, r)
            self.ids = np.concatenate([self.ids, np.zeros(room, dtype=np.int64)])
            self.alive = np.concatenate([self.alive, np.zeros(room, dtype=bool)])
            if self.topics is not None:
                extra = np.zeros((room, self.topics.shape[1]), dtype=np.float32)
                self.topics = np.concatenate([self.topics, extra])
        self.ids[r], self.alive[r] = article_id, True
        self.row_of[article_id] = r
        self.count += 1
        return r

    def load(self, rows: list[tuple[int, dict[str, int]]]) -> None:
        """Fill an empty index in one go (per-row puts would weigh with partial counts)."""
        if not rows:
            return
        parts = [self._columns(terms) for _, terms in rows]
        for article_id, _ in rows:
            self._new_row(article_id)
        matrix = rows_to_csr(parts, len(self.vocab))
        if matrix.nnz:
            self.df[: len(self.vocab)] += np.bincount(matrix.indices, minlength=len(self.vocab))
        matrix.data = (1 + np.log(matrix.data)) * self.idf(matrix.indices)
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sp.csr_matrix(sp.diags(1 / np.where(norms == 0, 1, norms)) @ matrix)
        self.matrix = matrix.astype(np.float32)
        self._invert()

    def _row_at(self, r: int) -> tuple[np.ndarray, np.ndarray]:
        base = self.matrix.shape[0]
        if r >= base:
            return self.pending[r - base]
        start, end = self.matrix.indptr[r], self.matrix.indptr[r + 1]
        return self.matrix.indices[start:end], self.matrix.data[start:end]

    def _merge_pending(self) -> None:
        if not self.pending:
            return
        extra = rows_to_csr(self.pending, len(self.vocab))
        self.matrix = sp.vstack([self._shaped(self.matrix), extra], format="csr")
        self._invert()

    def _invert(self) -> None:
        """Term -> postings, made when the matrix changes (not on the first query)."""
        self.inverted = sp.csr_matrix(self._shaped(self.matrix).T)
        self.pending = []

    def _shaped(self, matrix: sp.csr_matrix) -> sp.csr_matrix:
        """The matrix seen with the current vocabulary width (new columns are empty)."""
        if matrix.shape[1] == len(self.vocab):
            return matrix
        return sp.csr_matrix(
            (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], len(self.vocab))
        )

    def rows_matrix(self, rows: np.ndarray) -> sp.csr_matrix:
        """Some rows (main matrix or pending) as one CSR over the current vocabulary."""
        base = self.matrix.shape[0]
        if all(r < base for r in rows):
            return self._shaped(self.matrix)[rows]
        return rows_to_csr([self._row_at(int(r)) for r in rows], len(self.vocab))

    def postings_scores(self, queries: sp.csr_matrix) -> np.ndarray:
        """Dot products of query rows with every row, through the inverted index."""
        if self.inverted is None:
            self.inverted = sp.csr_matrix(self._shaped(self.matrix).T)
        # Terms newer than the inverted index occur in pending rows only.
        known = self.inverted.shape[0]
        scores = (queries[:, :known] @ self.inverted).toarray()
        if self.pending:
            extra = rows_to_csr(self.pending, len(self.vocab))
            scores = np.hstack([scores, (queries @ extra.T).toarray()])
        return scores

    # --- topics ----------------------------------------------------------------------
    def _project(self, cols: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """A row's topic vector, L2-normalised; only once a basis is set."""
        if self.basis_terms is None or self.components is None:
            raise RuntimeError(f"no topic basis for {self.language}")
        mapped = _basis_columns(self.basis_terms, cols)
        keep = mapped >= 0
        z = weights[keep] @ self.components[mapped[keep]]
        norm = float(np.linalg.norm(z))
        return (z / norm if norm else z).astype(np.float32)

    def topic_scores(self, vectors: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray | None:
        """Each text's topic cosine with every row (texts x rows); None with no basis."""
        if self.topics is None:
            return None
        queries = np.vstack([self._project(cols, weights) for cols, weights in vectors])
        return queries @ self.topics[: self.count].T

    def set_basis(self, terms: list[str], components: np.ndarray, stamp: datetime) -> None:
        """Use a fitted basis: map its terms onto our columns and project every row."""
        with self.lock:
            for term in terms:
                self.vocab.setdefault(term, len(self.vocab))
            self._columns({})  # grow df to the vocabulary
            mapping = np.full(len(self.vocab), -1, dtype=np.int64)
            mapping[[self.vocab[t] for t in terms]] = np.arange(len(terms))
            self.basis_terms, self.components, self.basis_stamp = mapping, components, stamp
            self._merge_pending()
            m = self._shaped(self.matrix).tocoo()
            width = len(self.ids)
            mapped = mapping[m.col]
            keep = mapped >= 0
            reduced = sp.csr_matrix(
                (m.data[keep], (m.row[keep], mapped[keep])), shape=(width, len(terms))
            )
            topics = np.asarray(reduced @ components, dtype=np.float32)
            norms = np.linalg.norm(topics, axis=1, keepdims=True)
            self.topics = topics / np.where(norms == 0, 1, norms)

    def alive_matrix(self) -> tuple[sp.csr_matrix, np.ndarray]:
        self._merge_pending()
        rows = np.flatnonzero(self.alive[: self.count])
        return self._shaped(self.matrix)[rows], rows


def _basis_columns(basis_terms: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Vocabulary columns mapped to basis columns (-1 for terms the basis lacks)."""
    known = len(basis_terms)
    out = np.full(len(cols), -1, dtype=np.int64)
    inside = cols < known
    out[inside] = basis_terms[cols[inside]]
    return out


def rows_to_csr(rows: list[tuple[np.ndarray, np.ndarray]], width: int) -> sp.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(c) for c, _ in rows])
    indices = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([w for _, w in rows]) if rows else np.zeros(0, np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


# --- per-process registry, kept in step with the database ------------------------------
_indexes: dict[str, Index] = {}
_registry_lock = threading.Lock()


def reset() -> None:
    """Forget every loaded index (the next use loads from the database)."""
    with _registry_lock:
        _indexes.clear()


def get(language: str) -> Index:
    """The language's index, loaded on first use and brought up to date on every use."""
    with _registry_lock:
        index = _indexes.get(language)
        if index is None:
            index = _indexes[language] = Index(language)
    with index.lock:
        _sync(index)
    return index


def _sync(index: Index) -> None:
    """Apply the stored rows that changed since the last look (one query when none did)."""
    rows = ArticleTerms.objects.filter(language=index.language)
    fields = ("article_id", "terms", "active", "changed_at")
    if index.synced_to is not None:
        # Two small queries that read the covering index only (one with a filtered count
        # reads the rows).
        active = rows.filter(active=True).count()
        latest = rows.aggregate(latest=Max("changed_at"))["latest"]
        if active < index.size:
            # Rows vanished without a trace (deleted, rolled back): start again.
            index.clear()
        elif active == index.size and latest == index.synced_to:
            _sync_basis(index)
            return
    if index.synced_to is None:
        loaded = list(rows.filter(active=True).values_list(*fields).iterator(chunk_size=2000))
        index.load([(article_id, terms) for article_id, terms, _, _ in loaded])
        index.stamps = {article_id: changed for article_id, _, _, changed in loaded}
        index.synced_to = rows.aggregate(latest=Max("changed_at"))["latest"] or _EPOCH
        # The index is millions of long-lived objects: keep the garbage collector from
        # walking them again on every full collection (pauses of hundreds of ms).
        gc.freeze()
    else:
        # Look back a little: a transaction may commit a row stamped before our last look.
        since = index.synced_to - _LOOK_BACK
        for article_id, terms, active, changed in rows.filter(changed_at__gte=since).values_list(
            *fields
        ):
            if index.stamps.get(article_id) == changed:
                continue
            index.put(article_id, terms) if active else index.drop(article_id)
            index.stamps[article_id] = changed
            index.synced_to = max(index.synced_to, changed)
    _sync_basis(index)


def _sync_basis(index: Index) -> None:
    """Pick up a basis another process fitted (looked for at most once a minute)."""
    now = time.monotonic()
    if index.basis_checked and now - index.basis_checked < _BASIS_CHECK_SECONDS:
        return
    index.basis_checked = now
    stamp = TopicBasis.objects.filter(language=index.language).values_list("fitted_at", flat=True)
    if not stamp or stamp[0] == index.basis_stamp:
        return
    basis = TopicBasis.objects.get(language=index.language)
    terms, components = load_basis(bytes(basis.data))
    index.set_basis(terms, components, basis.fitted_at)


def dump_basis(terms: list[str], components: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, terms=np.array(terms), components=components.astype(np.float32))
    return buffer.getvalue()


def load_basis(data: bytes) -> tuple[list[str], np.ndarray]:
    with np.load(io.BytesIO(data)) as npz:
        return [str(t) for t in npz["terms"]], npz["components"]
