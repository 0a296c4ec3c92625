"""LibreOffice (``soffice --headless``) for the tests that open and save a workbook in it, as
a finance officer on LibreOffice would. Skipped without it on a developer's machine; with
``TERTIAL_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``, which installs it) a missing
LibreOffice fails the test instead."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REQUIRE_VARIABLE = "TERTIAL_REQUIRE_LIBREOFFICE"
CONVERT_LIMIT_S = 180  # a bound on one conversion (the first start sets up a profile)


def soffice() -> str:
    """The soffice command, or skip (fail when LibreOffice is required)."""
    found = shutil.which("soffice")
    if found:
        return found
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{REQUIRE_VARIABLE}=1 but LibreOffice (soffice) is not installed")
    pytest.skip("LibreOffice (soffice) is not installed on this machine")


def saved_by_libreoffice(source: Path, extension: str, out: Path) -> Path:
    """``source`` opened and saved again by LibreOffice as ``extension`` (xlsx, ods), with a
    profile of its own so parallel test workers do not share one."""
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", extension, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=CONVERT_LIMIT_S)
    return out / f"{source.stem}.{extension}"
