"""The import history as the Importhistorik page shows it: rows of text, and what a rollback does.

Pure functions from the store's :class:`~loaders.store.history.ImportRecord` list to plain
values in Swedish or English (no ``dash``): one row of text cells per import, the options of
the import chooser, and the confirmation a rollback asks for, worked out from the records the
same way the store works out the current data (per slice, the latest import not rolled back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from dashboard.text import formatting as fmt
from dashboard.text.formatting import local_time
from dashboard.text.i18n import t
from dashboard.text.sheets import sheet_label
from loaders.specs import DATASETS
from loaders.store.history import ImportRecord, SliceKey, current_imports

CHECKSUM_LENGTH = 12  # hex characters shown; the whole checksum is the cell's tooltip
ROW_COUNT_SEPARATOR = " · "
DOWNLOAD_PATH = "/historik/{id}/fil"
DATASET_ORDER = MappingProxyType({ds.name: position for position, ds in enumerate(DATASETS)})
STATUS_KEYS = MappingProxyType({
    "active": "history.status_active",
    "partly_superseded": "history.status_partly_superseded",
    "superseded": "history.status_superseded",
    "rolled_back": "history.status_rolled_back",
})


def download_path(import_id: int) -> str:
    """Where the original file of an import is downloaded (``dashboard.web.history_files``)."""
    return DOWNLOAD_PATH.format(id=import_id)


def status_text(status: str, lang: str) -> str:
    """aktuell, delvis ersatt, ersatt or återställd (current, …, rolled back)."""
    return t(STATUS_KEYS[status], lang)


def row_counts_text(counts: dict[str, int], lang: str) -> str:
    """``Uppdrag 400 · Ekonomi 90``: rows stored per sheet, in the workbook's sheet order."""
    names = sorted(counts, key=lambda name: DATASET_ORDER.get(name, len(DATASET_ORDER)))
    return ROW_COUNT_SEPARATOR.join(
        f"{sheet_label(name, lang)} {fmt.number(counts[name], lang=lang)}" for name in names)


def _ids(values: Sequence[int]) -> str:
    return ", ".join(map(str, values)) or fmt.MISSING


def status_detail(record: ImportRecord, lang: str) -> str:
    """Who rolled the import back and when, for the status cell's tooltip; else the status."""
    if record.rolled_back_at is None:
        return status_text(record.status, lang)
    return t("history.rolled_back_detail", lang, when=local_time(record.rolled_back_at),
             user=record.rolled_back_by or fmt.MISSING)


def history_row(record: ImportRecord, lang: str) -> dict[str, str]:
    """One import as the grid's text cells."""
    return {
        "id": str(record.id),
        "time": local_time(record.created_at),
        "user": record.user,
        "file": record.file_name,
        "checksum": record.sha256[:CHECKSUM_LENGTH],
        "sha256": record.sha256,
        "periods": ", ".join(record.periods) or fmt.MISSING,
        "rows": row_counts_text(record.row_counts, lang),
        "status": status_text(record.status, lang),
        "status_detail": status_detail(record, lang),
        "supersedes": _ids(record.supersedes),
        "superseded_by": _ids(record.superseded_by),
        # a fixed word and a number only: the file name is never put into markdown
        "download": f"[{t('history.download', lang)}]({download_path(record.id)})",
    }


def choice_label(record: ImportRecord, lang: str) -> str:
    """An import in the chooser: ``5 · fil.xlsx · 2018-T2 · aktuell``."""
    parts = (str(record.id), record.file_name, ", ".join(record.periods) or fmt.MISSING,
             status_text(record.status, lang))
    return ROW_COUNT_SEPARATOR.join(parts)


@dataclass(frozen=True)
class RollbackEffect:
    """What rolling an import back changes, slice by slice (dataset, period)."""

    restored: tuple[tuple[int, tuple[SliceKey, ...]], ...]  # (earlier import, its slices)
    emptied: tuple[SliceKey, ...]  # no earlier import has them: no longer shown at all
    unchanged: tuple[SliceKey, ...]  # a later import already replaced them


def _slice_order(key: SliceKey) -> tuple[str, int]:
    return key[1], DATASET_ORDER.get(key[0], len(DATASET_ORDER))


def rollback_effect(records: Sequence[ImportRecord], import_id: int) -> RollbackEffect:
    """What :meth:`Store.rollback` of ``import_id`` would change; ``LookupError`` if unknown."""
    record = next((r for r in records if r.id == import_id), None)
    if record is None:
        raise LookupError(import_id)
    active = [r for r in records if r.status != "rolled_back"]
    current = current_imports(active)
    restored: dict[int, list[SliceKey]] = {}
    emptied: list[SliceKey] = []
    unchanged: list[SliceKey] = []
    for key in sorted(record.slices, key=_slice_order):
        if current.get(key) != record.id:
            unchanged.append(key)
            continue
        earlier = max((r.id for r in active if r.id < record.id and key in r.slices),
                      default=None)
        if earlier is None:
            emptied.append(key)
        else:
            restored.setdefault(earlier, []).append(key)
    return RollbackEffect(tuple((i, tuple(keys)) for i, keys in sorted(restored.items())),
                          tuple(emptied), tuple(unchanged))


def slices_text(keys: Sequence[SliceKey], lang: str) -> str:
    """``Enheter, Nyckeltal; 2018-T2 Uppdrag, Ekonomi``: sheets grouped by period."""
    groups: dict[str, list[str]] = {}
    for dataset, period in sorted(keys, key=_slice_order):
        groups.setdefault(period, []).append(sheet_label(dataset, lang))
    return "; ".join(" ".join(part for part in (period, ", ".join(names)) if part)
                     for period, names in groups.items())


def confirmation(records: Sequence[ImportRecord], import_id: int, lang: str) -> list[str]:
    """The paragraphs of the confirmation dialog: exactly what the rollback will change."""
    record = next(r for r in records if r.id == import_id)
    effect = rollback_effect(records, import_id)
    lines = [t("history.confirm_intro", lang, id=record.id, file=record.file_name)]
    if effect.restored:
        restored = "; ".join(
            f"{slices_text(keys, lang)} {t('history.from_import', lang, id=earlier)}"
            for earlier, keys in effect.restored)
        lines.append(t("history.confirm_restored", lang, slices=restored))
    if effect.emptied:
        lines.append(t("history.confirm_emptied", lang, slices=slices_text(effect.emptied, lang)))
    if effect.unchanged:
        lines.append(t("history.confirm_unchanged", lang,
                       slices=slices_text(effect.unchanged, lang)))
    lines.append(t("history.confirm_final", lang))
    return lines
