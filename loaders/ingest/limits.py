"""The limits an upload is held to: its size, its zip directory, its XML, its grid, and the
memory and time its parse may take in the child process."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1 << 20
GIB = 1 << 30


@dataclass(frozen=True)
class Limits:
    """Limits for one upload. Defaults sized for the exports of FORMAT.md with wide margins.

    A real 100k-row export is about 10 MB zipped and 100 MB of XML, with parts compressing up
    to about 16:1 (measured on an openpyxl sheet of 100k identical rows).
    """

    max_file_bytes: int = 20 * MB  # FORMAT.md: files over 20 MB are refused before parsing
    max_zip_members: int = 10_000  # a workbook has a few dozen parts; even 1,000 sheets fit
    max_uncompressed_bytes: int = 300 * MB  # all parts together: three times a big export
    max_part_bytes: int = 200 * MB  # one part (one sheet's XML, the shared strings)
    max_ratio: float = 200.0  # per part; real parts stay under ~20:1, deflate tops at ~1030:1
    ratio_floor_bytes: int = 1 * MB  # parts smaller than this never trip the ratio
    max_prolog_bytes: int = 1 * MB  # XML before the root element; Excel writes ~60 bytes
    max_rows: int = 1_100_000  # from A1; Excel's grid ends at 1,048,576 rows
    max_columns: int = 1_024  # from A1; LibreOffice's old grid width (AMJ), Excel's is 16,384
    max_cells: int = 30_000_000  # rows x columns from A1: ~1 GB as a dense grid in calamine
    child_memory_bytes: int = 3 * GIB  # address space the parse may add to what it starts with
    child_timeout_s: float = 120.0  # wall clock for one parse; calamine reads 10 MB in ~7 s


DEFAULT_LIMITS = Limits()
