"""Is an outside server reachable? Used by `make test` and the test suite to decide
whether the PostgreSQL and Redis tests run; prints the reason when one is not.

    python -m sahifa.core.probe postgres postgres://postgres@127.0.0.1:5432/sahifa
    python -m sahifa.core.probe redis redis://127.0.0.1:6379/0
"""

from __future__ import annotations

import sys

TIMEOUT_SECONDS = 2


def postgres_unreachable(url: str) -> str | None:
    """None when PostgreSQL answers at ``url``; otherwise why not."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=TIMEOUT_SECONDS,
        ).close()
    except Exception as exc:  # any failure means: do not run these tests
        return f"PostgreSQL not reachable at {cfg['HOST']}:{cfg['PORT']}: {exc}".strip()
    return None


def redis_unreachable(url: str) -> str | None:
    """None when Redis answers PING at ``url``; otherwise why not."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS).ping()
    except Exception as exc:
        return f"Redis not reachable at {url}: {exc}"
    return None


def main(argv: list[str]) -> int:
    kind, url = argv[1], argv[2]
    reason = {"postgres": postgres_unreachable, "redis": redis_unreachable}[kind](url)
    if reason:
        print(f"SKIPPED the {kind} run: {reason}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
