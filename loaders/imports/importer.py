"""The import use case, shared by the CLI and the upload page.

Read and validate the file (:func:`loaders.ingest.workbook.load_file`), compare it with
what is stored (:meth:`Store.plan`), and, unless it is a dry run or refused, store it in one
transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from loaders.errors import FileRefused, Report, StoreError, TertialError
from loaders.imports.removals import Removal, large_removals, removal_issues, removal_text
from loaders.ingest.headers import accepted_sheet_names, dataset_for_sheet
from loaders.ingest.safety import Limits
from loaders.ingest.workbook import LoadOptions, LoadResult, load_file
from loaders.periods import period_label
from loaders.settings import Settings


@dataclass
class ImportOutcome:
    file_name: str
    report: Report = field(default_factory=Report)
    result: LoadResult | None = None
    plan: object | None = None  # loaders.store.store.ImportPlan
    record: object | None = None  # loaders.store.store.ImportRecord, when stored
    refusal: TertialError | None = None  # why nothing was read or stored
    identical_to: int | None = None  # an identical file is already imported
    unchanged: bool = False  # another file, but it would change nothing that is stored
    removals: list[Removal] = field(default_factory=list)  # large removals (removals.py)
    removal_limit: float = 0.0  # the share above which a removal is large (the setting)
    dry_run: bool = False

    @property
    def accepted(self) -> bool:
        """True unless the input was refused (an identical file is not a refusal)."""
        return self.refusal is None and self.report.ok


def limits_from(settings: Settings) -> Limits:
    return Limits(max_file_bytes=settings.max_upload_bytes,
                  child_memory_bytes=settings.parse_memory_mb * 1024 * 1024,
                  child_timeout_s=settings.parse_timeout_s)


def normalise_period(period: str | None) -> str | None:
    if period is None or not period.strip():
        return None
    label = period_label(period)
    if label is None:
        raise FileRefused(
            "bad_period_argument",
            f"Perioden {period!r} känns inte igen. Skriv till exempel 2018-T2.",
            f"The period {period!r} is not recognised. Write for example 2018-T2.",
        )
    return label


def check_sheet(sheet: str | None) -> str | None:
    """The sheet named for a CSV file, refused at once when no dataset has that name."""
    if sheet is None or not sheet.strip():
        return None
    if dataset_for_sheet(sheet) is None:
        names = ", ".join(accepted_sheet_names())
        raise FileRefused(
            "bad_sheet_argument",
            f"Bladet {sheet!r} känns inte igen. Godkända namn: {names}.",
            f"The sheet {sheet!r} is not recognised. Accepted names: {names}.",
        )
    return sheet


def import_file(store, data: bytes, file_name: str, settings: Settings, *,
                period: str | None = None, user: str = "okänd", dry_run: bool = False,
                csv_sheet: str | None = None, expected_version: int | None = None,
                address: str = "", allow_removal: bool = False) -> ImportOutcome:
    """Validate, plan and (unless ``dry_run``) store one file. Never raises for bad input.

    A file that would remove more than ``settings.removal_warning`` of a slice's rows
    (``loaders/imports/removals.py``) is stored only with ``allow_removal``; a file that
    changes nothing stored is not imported (``unchanged``).
    A stored import is logged in the audit log by ``user`` from ``address`` (the store does
    it, in the import's transaction).

    ``expected_version`` is passed to :meth:`Store.import_frames`: the import is refused
    with StoreError "stale" (raised) when the data version is no longer that one.
    """
    outcome = ImportOutcome(file_name=file_name, dry_run=dry_run)
    try:
        options = LoadOptions(period=normalise_period(period),
                              known_units=frozenset(store.known_units()),
                              csv_sheet=check_sheet(csv_sheet))
        outcome.result = load_file(data, file_name, options, limits_from(settings))
    except FileRefused as exc:
        outcome.refusal = exc
        return outcome
    outcome.report = outcome.result.report
    if not outcome.report.ok:
        return outcome
    if not any(len(frame) for frame in outcome.result.frames.values()):
        outcome.refusal = FileRefused(
            "no_rows",
            f"Filen {file_name} innehåller inga rader med uppgifter (bara rubriker?). "
            "Fyll i bladen och försök igen.",
            f"The file {file_name} holds no data rows (only headers?). Fill in the sheets "
            "and try again.")
        return outcome
    outcome.plan = store.plan(outcome.result.frames, file_bytes=data)
    outcome.identical_to = outcome.plan.identical_to
    if outcome.identical_to is None and outcome.plan.changes_nothing:
        outcome.identical_to = earlier_import(store, data)
        # another file with the very rows stored (a whole-agency export uploaded again):
        # nothing to import, and no import in the history that changes nothing
        outcome.unchanged = outcome.identical_to is None
    outcome.removal_limit = settings.removal_warning
    outcome.removals = large_removals(outcome.plan, settings.removal_warning)
    for warning in removal_issues(outcome.removals, settings.removal_warning):
        outcome.report.add(warning)
    if dry_run or outcome.identical_to is not None or outcome.unchanged:
        return outcome
    if outcome.removals and not allow_removal:
        outcome.refusal = removal_not_confirmed(outcome.removals)
        return outcome
    try:
        outcome.record = store.import_frames(outcome.result.frames, user=user,
                                             file_name=file_name, file_bytes=data,
                                             expected_version=expected_version,
                                             address=address)
    except StoreError as exc:
        if exc.code != "identical":
            raise
        outcome.identical_to = exc.details.get("import_id")
    return outcome


def removal_not_confirmed(removals: list[Removal]) -> FileRefused:
    """The refusal of an import whose large removals nobody said yes to."""
    return FileRefused(
        "removal_not_confirmed",
        f"Importen skulle ta bort {removal_text(removals, 'sv')}. Inget lagrades. Är det "
        "meningen, bekräfta borttagningen (på sidan Ladda upp: rutan \"Ja, ta bort …\"; "
        "på kommandoraden: --allow-removal).",
        f"The import would remove {removal_text(removals, 'en')}. Nothing was stored. If "
        "that is intended, confirm the removal (on the Upload page: the box \"Yes, remove "
        "…\"; on the command line: --allow-removal).",
        removals=[r.to_dict() for r in removals])


def earlier_import(store, data: bytes) -> int | None:
    """The latest import of the same file that is not rolled back, if any.

    Used when storing the file again would change no data: the store only recognises an
    identical file while its import is wholly current, so without this every re-run of a
    series (``tertial demo``, whose workbooks each carry Enheter) would add to the history.
    """
    sha = hashlib.sha256(data).hexdigest()
    return next((r.id for r in store.history()
                 if r.sha256 == sha and r.status != "rolled_back"), None)
