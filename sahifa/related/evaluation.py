"""Measuring the engine on a labelled corpus: the corpus as ninjs items with their
labels held back (every item imported under one neutral subject, without keywords), a
rebuild, then precision@k (relevant = shares a label) and coverage (share of articles
with a full list), beside two baselines computed on the same texts."""

from __future__ import annotations

import csv
import json
import random
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

NEUTRAL_SUBJECT = [{"code": "evaluation", "name": "Evaluation"}]


@dataclass
class Labelled:
    item: dict  # a ninjs item, labels included
    labels: frozenset[str]


def bbc_corpus(zip_path: Path, seed: int = 0) -> list[Labelled]:
    """BBC News (folder = category). It has no dates: random ones over a year, so
    publication time says nothing about the category."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    out = []
    with zipfile.ZipFile(zip_path) as archive:
        for name in sorted(archive.namelist()):
            parts = name.split("/")
            if not name.endswith(".txt") or len(parts) < 2:
                continue
            lines = archive.read(name).decode("latin-1").strip().splitlines()
            paragraphs = [p.strip() for p in lines[1:] if p.strip()]
            when = start + timedelta(seconds=rng.randrange(365 * 86400))
            item = {
                "uri": f"urn:eval:bbc:{parts[-2]}:{parts[-1][:-4]}",
                "headline": lines[0].strip(),
                "language": "en",
                "description_text": paragraphs[0] if paragraphs else "",
                "body_text": "\n".join(paragraphs[1:]),
                "firstcreated": when.isoformat(),
                "subject": [{"code": parts[-2], "name": parts[-2]}],
            }
            out.append(Labelled(item, frozenset({parts[-2]})))
    return out


def ria_corpus(folder: Path) -> list[Labelled]:
    """RIA Novosti CSV files (relevant = same `topic`); one item per article id."""
    csv.field_size_limit(1 << 30)
    seen: dict[str, Labelled] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                item = {
                    "uri": f"urn:eval:ria:{row['id']}",
                    "headline": row["title"].strip(),
                    "language": "ru",
                    "description_text": (row.get("subtitle") or "").strip(),
                    "body_text": row["content"],
                    "subject": [{"code": row["topic"], "name": row["topic"]}],
                }
                if when := _ria_date(row.get("datetime", "")):
                    item["firstcreated"] = when
                seen.setdefault(row["id"], Labelled(item, frozenset({row["topic"]})))
    return [seen[key] for key in sorted(seen)]


def _ria_date(value: str) -> str | None:
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).isoformat()


def ninjs_corpus(lines: Iterable[str], label: str = "subject") -> list[Labelled]:
    """A labelled ninjs file: the label is the subject codes, or another field (a story id)."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        if label == "subject":
            labels = {s.get("code") or s.get("name") for s in item.get("subject") or []}
        else:
            labels = {str(item.get(label))} if item.get(label) is not None else set()
        out.append(Labelled(item, frozenset(labels - {None, ""})))
    return out


def held_back(item: dict, label: str = "subject") -> dict:
    """The item as the engine may see it: no subject, keywords or label field."""
    hidden = {k: v for k, v in item.items() if k not in {"subject", "keywords", label}}
    hidden["subject"] = NEUTRAL_SUBJECT
    hidden.setdefault("pubstatus", "usable")
    return hidden


def precision_and_coverage(
    lists: dict[str, list[str]], labels: dict[str, frozenset[str]], k: int
) -> tuple[float, float]:
    """Mean share of the first k items sharing a label (missing items count as misses),
    and the share of articles with k items."""
    precisions, full = [], 0
    for uri, similar in lists.items():
        hits = sum(1 for other in similar[:k] if labels[uri] & labels.get(other, frozenset()))
        precisions.append(hits / k)
        full += len(similar) >= k
    return float(np.mean(precisions)), full / max(len(lists), 1)


def text_of(item: dict) -> str:
    return "\n".join(
        str(item.get(key) or "") for key in ("headline", "description_text", "body_text")
    )


def plain_tfidf_lists(items: list[dict], k: int) -> dict[str, list[str]]:
    """Baseline: scikit-learn's TF-IDF with its defaults, cosine, per language."""
    lists = {}
    for group in _by_language(items).values():
        matrix = TfidfVectorizer().fit_transform([text_of(i) for i in group])
        uris = [i["uri"] for i in group]
        for start in range(0, len(group), 512):
            scores = (matrix[start : start + 512] @ matrix.T).toarray()
            for offset, row in enumerate(scores):
                row[start + offset] = -1
                best = np.argsort(-row, kind="stable")[:k]
                lists[uris[start + offset]] = [uris[j] for j in best]
    return lists


def more_like_this_lists(items: list[dict], k: int) -> dict[str, list[str]]:
    """Baseline: Elasticsearch's more_like_this with its defaults (standard analyser,
    the 25 best terms with term frequency >= 2 and document frequency >= 5, BM25,
    at least 30% of those terms matching)."""
    lists = {}
    for group in _by_language(items).values():
        counts = CountVectorizer().fit_transform([text_of(i) for i in group]).tocsr()
        bm25 = _bm25(counts)
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log(1 + (len(group) - df + 0.5) / (df + 0.5))
        uris = [i["uri"] for i in group]
        for row in range(len(group)):
            start, end = counts.indptr[row], counts.indptr[row + 1]
            terms, tf = counts.indices[start:end], counts.data[start:end]
            ok = (tf >= 2) & (df[terms] >= 5)
            terms, weight = terms[ok], (tf * idf[terms])[ok]
            terms = terms[np.argsort(-weight, kind="stable")[:25]]
            scores = np.asarray(bm25[:, terms].sum(axis=1)).ravel()
            matched = np.asarray((bm25[:, terms] > 0).sum(axis=1)).ravel()
            scores[matched < max(1, int(0.3 * len(terms)))] = -1
            scores[row] = -2
            best = [j for j in np.argsort(-scores, kind="stable")[:k] if scores[j] > 0]
            lists[uris[row]] = [uris[j] for j in best]
    return lists


def _bm25(counts, k1: float = 1.2, b: float = 0.75):
    """Each document's BM25 weight for each of its terms."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    out = counts.astype(np.float64).tocsr()
    rows = np.repeat(np.arange(n), np.diff(out.indptr))
    tf = out.data
    out.data = idf[out.indices] * tf * (k1 + 1) / (tf + norm[rows])
    return out.tocsc()


def newest_first_lists(items: list[dict], k: int) -> dict[str, list[str]]:
    """Baseline: the reference site's rule, the newest other items (category held back)."""
    lists = {}
    for group in _by_language(items).values():
        ordered = sorted(group, key=lambda i: i.get("firstcreated") or "", reverse=True)
        newest = [i["uri"] for i in ordered[: k + 1]]
        for item in group:
            lists[item["uri"]] = [u for u in newest if u != item["uri"]][:k]
    return lists


def _by_language(items: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(item.get("language", ""), []).append(item)
    return groups


def as_lines(corpus: list[Labelled], label: str = "subject") -> Iterator[str]:
    for entry in corpus:
        yield json.dumps(held_back(entry.item, label), ensure_ascii=False)
