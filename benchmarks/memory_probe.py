"""Peak memory of one variant, measured in a fresh process so that peaks do not mix.

Run as ``python -m benchmarks.memory_probe VARIANT PATH``; prints one JSON object with the
process's own peak resident set and the largest peak among its finished children
(``ru_maxrss`` of RUSAGE_CHILDREN: Tertial parses in a forked child). Every variant imports the
same modules first, so the ``baseline`` variant (which reads nothing) is the common floor.

The process's own peak is read from ``VmHWM`` in ``/proc/self/status``, not from ``ru_maxrss``
of RUSAGE_SELF: Linux carries ``ru_maxrss`` over ``exec`` from the forked image of the parent,
so a probe started by the (large) benchmark process would report at least the benchmark's own
peak. ``VmHWM`` belongs to the address space, which ``exec`` replaces. Both are printed.

A forked child starts sharing its parent's resident pages, and they count in its RSS: the
child's peak includes the parent's size at the moment of the fork.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import measure

KIB_PER_MB = 1024  # ru_maxrss is in KiB on Linux
VARIANTS = {
    "baseline": lambda path, scratch: None,
    "naive_openpyxl": measure.naive_openpyxl,
    "calamine": measure.naive_calamine,
    "import": measure.tertial_import,
}
PROBE_ORDER = ("baseline", "naive_openpyxl", "calamine", "import")  # baseline warms caches


def high_water_kib() -> int | None:
    """Peak RSS of this address space (``VmHWM``), in KiB; None where /proc has none."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def peaks_mb() -> dict[str, float]:
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = high_water_kib() or maxrss
    return {"self_mb": round(own / KIB_PER_MB, 1),
            "children_mb": round(children / KIB_PER_MB, 1),
            "self_maxrss_mb": round(maxrss / KIB_PER_MB, 1)}


def probe_env(cache_dir: Path) -> dict[str, str]:
    """The environment for a probe: compiled bytecode kept under ``cache_dir``.

    With PYTHONDONTWRITEBYTECODE set (as on these machines) and no bytecode in the venv, every
    fresh process would compile pandas again; caching it in the git-ignored output folder keeps
    that cost (time and transient memory) out of all probes but the first.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir.resolve())
    return env


def run_probe(variant: str, path: Path, cache_dir: Path) -> dict[str, float]:
    """Peaks of ``variant`` on ``path``, from a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.memory_probe", variant, str(path)],
        capture_output=True, text=True, env=probe_env(cache_dir), check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory probe {variant} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def probe_all(path: Path, cache_dir: Path) -> dict[str, dict[str, float]]:
    results = {}
    for variant in PROBE_ORDER:
        results[variant] = run_probe(variant, path, cache_dir)
        measure.progress(f"  peak {variant}: {results[variant]}")
    return results


def main(argv: list[str]) -> None:
    variant, path = argv
    with tempfile.TemporaryDirectory(prefix="tertial-probe-") as scratch:
        VARIANTS[variant](Path(path), Path(scratch))
    print(json.dumps(peaks_mb()))


if __name__ == "__main__":
    main(sys.argv[1:])
