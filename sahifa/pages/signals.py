from typing import Any


def setup_site_after_migrate(sender: Any, **kwargs: Any) -> None:
    from sahifa.pages.setup import ensure_site

    ensure_site()
