"""Import records and their history status, worked out from the imports and slices tables.

A slice (dataset, period) shows the rows of the latest non-rolled-back import that has it.
Among the active imports holding a slice, in id order, each one supersedes the one before it;
so an import's status follows from how many of its slices it is still the latest for.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from loaders.store.schema import utc

Status = Literal["active", "superseded", "partly_superseded", "rolled_back"]
SliceKey = tuple[str, str]  # (dataset, period); period "" for a non-periodic dataset

STORED_ACTIVE = "active"
STORED_ROLLED_BACK = "rolled_back"


@dataclass(frozen=True)
class ImportRecord:
    id: int
    created_at: dt.datetime  # aware, UTC
    user: str
    file_name: str
    sha256: str
    size: int
    periods: list[str]
    row_counts: dict[str, int]  # dataset -> rows stored
    status: Status
    note: str | None = None
    slices: list[SliceKey] = field(default_factory=list)
    supersedes: list[int] = field(default_factory=list)  # active imports it replaced, in part
    superseded_by: list[int] = field(default_factory=list)  # active imports replacing it
    rolled_back_at: dt.datetime | None = None
    rolled_back_by: str | None = None

    def to_dict(self) -> dict:
        out = asdict(self)
        for name in ("created_at", "rolled_back_at"):
            out[name] = out[name].isoformat() if out[name] else None
        out["slices"] = [list(s) for s in self.slices]
        return out


def build_records(imports: Sequence[Mapping], slices: Sequence[tuple[int, str, str]]
                  ) -> list[ImportRecord]:
    """Records for ``imports`` (rows of the imports table), in the order given."""
    by_import: dict[int, list[SliceKey]] = defaultdict(list)
    for import_id, dataset, period in slices:
        by_import[import_id].append((dataset, period))
    active = {row["id"] for row in imports if row["rolled_back_at"] is None}
    chains: dict[SliceKey, list[int]] = defaultdict(list)
    for import_id in sorted(active):
        for key in by_import[import_id]:
            chains[key].append(import_id)
    return [_record(row, sorted(by_import[row["id"]]), chains) for row in imports]


def _record(row: Mapping, keys: list[SliceKey], chains: Mapping[SliceKey, list[int]]
            ) -> ImportRecord:
    import_id = row["id"]
    before: set[int] = set()
    after: set[int] = set()
    current = 0
    if row["rolled_back_at"] is None:
        for key in keys:
            chain = chains[key]
            pos = chain.index(import_id)
            before.update(chain[pos - 1:pos] if pos else [])
            after.update(chain[pos + 1:pos + 2])
            current += pos == len(chain) - 1
    return ImportRecord(
        id=import_id,
        created_at=utc(row["created_at"]),
        user=row["user"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        size=row["size"],
        periods=[p for p in row["periods"].split(",") if p],
        row_counts=json.loads(row["row_counts"]),
        status=_status(row, current, len(keys)),
        note=row["note"],
        slices=keys,
        supersedes=sorted(before),
        superseded_by=sorted(after),
        rolled_back_at=utc(row["rolled_back_at"]),
        rolled_back_by=row["rolled_back_by"],
    )


def _status(row: Mapping, current: int, total: int) -> Status:
    if row["rolled_back_at"] is not None:
        return "rolled_back"
    if current == total:
        return "active"
    return "superseded" if current == 0 else "partly_superseded"


def current_imports(records: list[ImportRecord]) -> dict[SliceKey, int]:
    out: dict[SliceKey, int] = {}
    for record in records:
        if record.status == "rolled_back":
            continue
        for key in record.slices:
            out[key] = max(out.get(key, record.id), record.id)
    return out


def identical_import(records: list[ImportRecord], sha: str) -> int | None:
    """The active import of the same file whose slices are all still current, if any."""
    return next((r.id for r in records if r.sha256 == sha and r.status == "active"), None)
