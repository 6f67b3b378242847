"""A controlled clock for the browser: the page's `Date` runs from a chosen moment."""

from __future__ import annotations

from datetime import datetime


def browser_clock(at: datetime) -> str:
    """Script for CDP `Page.addScriptToEvaluateOnNewDocument`: the page's clock reads
    ``at`` (then ticks on), as if the reader opened the page at that moment."""
    return f"""
    (function () {{
      const Real = Date;
      const offset = {at.timestamp() * 1000:.0f} - Real.now();
      class ClockDate extends Real {{
        constructor(...args) {{
          if (args.length) {{ super(...args); }} else {{ super(Real.now() + offset); }}
        }}
        static now() {{ return Real.now() + offset; }}
      }}
      window.Date = ClockDate;
    }})();
    """
