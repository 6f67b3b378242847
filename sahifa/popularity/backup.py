"""The views buffer's part of a backup (sahifa/core/backup): views counted but not yet
written to the database.

Dumped before the database: first everything waiting is claimed as a batch (what a
flush does first), then every claimed batch is written out. A flush that applies one of
those batches before the database is copied also records the batch's id in that copy
(``AppliedBatch``), so the restore, which applies each batch exactly as a flush would,
skips it: no view is in both, none is lost. Reader keys and salts are not kept: after a
restore a reader may count again within 30 minutes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sahifa.popularity.buffers import get_buffer
from sahifa.popularity.flush import apply_batch

FILE = "views.json"


class ViewsPart:
    name = "views"

    def dump(self, folder: Path) -> dict[str, Any]:
        buffer = get_buffer()
        buffer.claim()
        # A batch released meanwhile was applied, so it is in the database copy.
        counts = {batch: buffer.batch_counts(batch) for batch in buffer.batches()}
        batches = {
            batch: [[a, day.isoformat(), n] for (a, day), n in rows.items()]
            for batch, rows in counts.items()
            if rows
        }
        (folder / FILE).write_text(json.dumps({"batches": batches}))
        views = sum(sum(rows.values()) for rows in counts.values())
        return {"file": FILE, "batches": len(batches), "views": views}

    def load(self, folder: Path, info: dict[str, Any]) -> dict[str, Any]:
        data = json.loads((folder / info["file"]).read_text())
        written = 0
        for batch, rows in data["batches"].items():
            counts = {(int(a), date.fromisoformat(d)): int(n) for a, d, n in rows}
            written += apply_batch(batch, counts)
        return {"views": written}
