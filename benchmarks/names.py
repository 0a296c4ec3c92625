"""The figures of ``python -m benchmarks`` under one flat naming scheme, with units in the names.

A name reads as what was done, to what, measured how:

* **import, export**: the workbook's rows follow the area, as issue 7 names them:
  ``import_100k_median_s``, ``import_100k_ratio_vs_openpyxl``, ``export_10k_median_s``;
* **filter**: the dashboard's answers to a filter change; the data they ran on comes last,
  with ``_postgres`` on PostgreSQL: ``filter_p95_ms_100k``, ``filter_p95_ms_100k_postgres``,
  ``filter_page_operations_p50_ms_10k``. ``filter_p50_ms_N`` and ``filter_p95_ms_N`` are the
  slowest request kind's (a filter change waits for every callback it fires);
* **dashboard**: the rest of the dashboard benchmark, data last:
  ``dashboard_after_import_p50_ms_100k``, ``dashboard_first_load_gzip_mb_100k``;
* **load**: the readers first, then the figure, then the server and its data:
  ``load_10_users_rps_2w_100k``, ``load_50_users_errors_2w_100k``.

Sizes are written ``1k``, ``10k``, ``100k``; units are ``s``, ``ms``, ``mib`` (2^20 bytes:
memory and export files), ``mb`` (10^6 bytes: workbooks and transfers), ``rps``, ``pct``.
``ALIASES`` adds the issue's own name where it leaves the set-up out (``load_50_users_errors``).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.dashboard_bench import KINDS, POSTGRES
from benchmarks.export_bench import AGENCY, DEPARTMENT
from benchmarks.report import MB, SizeResult

MIB = 2**20
TARGET_SIZE, TARGET_WORKERS = 100_000, 2  # issue 7's load targets: 2 workers at 100k rows
# The import's figures of one size: name after "import_<rows>_", and how to read it.
IMPORT: tuple[tuple[str, Callable[[SizeResult], float]], ...] = (
    ("median_s", lambda r: r.timings.median("import")),
    ("ratio_vs_openpyxl", lambda r: r.ratio),
    ("peak_mib", lambda r: r.peaks["import"]["self_mb"]),
    ("child_peak_mib", lambda r: r.peaks["import"]["children_mb"]),
    ("load_median_s", lambda r: r.timings.median("load")),
    ("store_median_s", lambda r: r.timings.median("store")),
    ("openpyxl_median_s", lambda r: r.timings.median("naive_openpyxl")),
    ("openpyxl_peak_mib", lambda r: r.peaks["naive_openpyxl"]["self_mb"]),
    ("calamine_median_s", lambda r: r.timings.median("calamine")),
    ("calamine_peak_mib", lambda r: r.peaks["calamine"]["self_mb"]),
    ("baseline_peak_mib", lambda r: r.peaks["baseline"]["self_mb"]),
    ("file_mb", lambda r: r.file_bytes / MB),
)
# A request kind's figures: name after "filter_<kind>_", key in the probe's output.
KIND_FIGURES = (("p50_ms", "median_ms"), ("p95_ms", "p95_ms"), ("max_ms", "max_ms"),
                ("again_p50_ms", "repeat_median_ms"), ("max_kib", "max_kib"))
DASHBOARD = (("after_import_p50_ms", "after_import", "median_ms"),
             ("after_import_max_ms", "after_import", "max_ms"),
             ("after_assessment_p50_ms", "after_assessment", "median_ms"),
             ("after_assessment_max_ms", "after_assessment", "max_ms"),
             ("first_load_gzip_mb", "first_load", "gzip_mb"),
             ("first_load_lazy_gzip_mb", "first_load", "lazy_gzip_mb"))


def rows(size: int) -> str:
    """1000 -> "1k"; sizes that are not whole thousands stay as they are."""
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def data(size: int, postgres: bool = False) -> str:
    return rows(size) + (POSTGRES if postgres else "")


def import_name(size: int, figure: str) -> str:
    return f"import_{rows(size)}_{figure}"


def export_name(size: int, figure: str) -> str:
    return f"export_{rows(size)}_{figure}"


def filter_name(figure: str, size: int, postgres: bool = False) -> str:
    return f"filter_{figure}_{data(size, postgres)}"


def dashboard_name(figure: str, size: int, postgres: bool = False) -> str:
    return f"dashboard_{figure}_{data(size, postgres)}"


def load_name(users: int, figure: str, workers: int, size: int) -> str:
    return f"load_{users}_users_{figure}_{workers}w_{rows(size)}"


ALIASES = {"load_50_users_errors": load_name(50, "errors", TARGET_WORKERS, TARGET_SIZE)}


def rounded(value: object) -> object:
    return round(value, 3) if isinstance(value, float) else value


def import_figures(results: list[SizeResult]) -> dict[str, object]:
    return {import_name(r.size, name): rounded(read(r)) for r in results for name, read in IMPORT}


def dataset(name: str) -> tuple[int, bool] | None:
    """The dashboard benchmark's data set name ("100000", "100000_postgres") as (rows, on
    PostgreSQL); None for the demo."""
    size, _, database = name.partition("_")
    return (int(size), bool(database)) if size.isdigit() else None


def dashboard_figures(results: dict[str, dict]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, result in results.items():
        if (parsed := dataset(name)) is None:
            continue
        for kind in KINDS:
            out.update({filter_name(f"{kind}_{figure}", *parsed): rounded(result[kind][key])
                        for figure, key in KIND_FIGURES})
        for stat, key in (("p50_ms", "median_ms"), ("p95_ms", "p95_ms")):
            out[filter_name(stat, *parsed)] = rounded(max(result[k][key] for k in KINDS))
        out.update({dashboard_name(figure, *parsed): rounded(result[part][key])
                    for figure, part, key in DASHBOARD})
    return out


def slowest_kind(result: dict) -> str:
    """The request kind whose first-request p95 is the filter figure's."""
    return max(KINDS, key=lambda kind: result[kind]["p95_ms"])


def load_figures(results: dict[tuple[int, int, int], dict]) -> dict[str, object]:
    return {load_name(users, figure, workers, size): rounded(value)
            for (size, workers, users), result in results.items()
            for figure, value in result.items()}


def export_figures(results: dict[tuple[int, str], dict]) -> dict[str, object]:
    views = {AGENCY: "", DEPARTMENT: "department_"}
    out: dict[str, object] = {}
    for (size, view), result in results.items():
        out[export_name(size, views[view] + "median_s")] = rounded(result["median_s"])
        out[export_name(size, views[view] + "file_mib")] = rounded(result["file_bytes"] / MIB)
    return out


def with_aliases(figures: dict[str, object]) -> dict[str, object]:
    """``figures`` and the issue's short names of those it names."""
    return {**figures, **{alias: figures[name] for alias, name in ALIASES.items()
                          if name in figures}}
