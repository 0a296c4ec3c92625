"""Load benchmark: concurrent readers of the overview against gunicorn on loopback.

Run ``.venv/bin/python -m benchmarks.load_bench`` (see ``benchmarks/README.md``). Per size the
seeded workbook is imported into a fresh data folder (as :mod:`benchmarks.dashboard_bench`
does) and ``gunicorn app:server`` is started on it, with 2 and then 4 workers. This process
is the load: 1, 10 and 50 readers (threads with a keep-alive connection each) for a fixed
time per step. A reader opens the overview with the requests a browser sends, then changes a
filter, again and again without a pause; after a few changes it opens the overview anew.
Prints a table and merges flat ``load_*`` figures into ``benchmarks/load_results.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import requests

from benchmarks import options, report
from benchmarks.dashboard_bench import import_size
from benchmarks.load_client import dependencies, run_step
from benchmarks.measure import progress
from loaders.settings import ENVIRONMENT

GUNICORN = Path(sys.executable).with_name("gunicorn")
DEFAULTS = options.Defaults(
    prog="python -m benchmarks.load_bench", description=__doc__.splitlines()[0],
    sizes=(10_000, 100_000), quick_sizes=(10_000,),
    quick_help="smoke run: the quick sizes, 2 workers, 2 s steps",
    results="load_results.json")  # the load_* figures are merged into it
THREADS = 4  # gunicorn --threads, as in the README's production command
START_LIMIT_S = 120  # a bound on the wait for gunicorn to answer
TARGET_SIZE, TARGET_WORKERS, TARGET_USERS, TARGET_ERROR_USERS = 100_000, 2, 10, 50
TARGET_RPS, TARGET_P95_MS = 40.0, 400.0
LOG_FAILURE = re.compile(r"Traceback|WORKER TIMEOUT|callback .* failed")
COLUMNS = ("size", "workers", "users", "requests", "req/s", "p50 ms", "p95 ms", "max ms",
           "errors", "worker MiB", "client CPU %")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = options.parser_for(DEFAULTS)
    for name, default in (("workers", "2,4"), ("users", "1,10,50")):
        parser.add_argument(f"--{name}", type=options.sizes, default=options.sizes(default),
                            help=f"comma separated (default {default})")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds per step")
    parser.add_argument("--warm-up", type=float, default=3.0,
                        help="seconds per step before measuring (the readers' first views)")
    parser.add_argument("--server-warm-up", type=float, default=15.0,
                        help="seconds of load after each start, not counted (every worker "
                             "reads the data version)")
    args = options.settle(parser, argv, DEFAULTS)
    if args.quick:
        args.workers, args.seconds = (2,), 2.0
        args.warm_up, args.server_warm_up = 0.5, 1.5
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(data_dir: Path, workers: int, log: Path, port: int | None = None,
             tree: Path | None = None) -> Iterator[tuple[str, int]]:
    """``gunicorn app:server`` as the README runs it, on ``data_dir`` (local mode, loopback,
    on ``port`` or a free one); its base URL and pid once it answers. Terminated when the
    block ends. ``tree``: another copy of the repository to serve from (its ``app``,
    ``dashboard`` and ``loaders``), e.g. an older version to compare with."""
    port = port or free_port()
    tree = tree or options.BENCH_DIR.parent
    env = {k: v for k, v in os.environ.items() if k not in set(ENVIRONMENT.values())}
    env.update(TERTIAL_DATA_DIR=str(data_dir), TERTIAL_DEMO_ON_EMPTY="false",
               TERTIAL_AUTH_MODE="local", PYTHONPATH=str(tree))
    command = [str(GUNICORN), "--preload", "--workers", str(workers), "--threads", str(THREADS),
               "--timeout", "120", "--bind", f"127.0.0.1:{port}", "app:server"]
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as errors:
        process = subprocess.Popen(command, cwd=tree, env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        try:
            deadline = time.monotonic() + START_LIMIT_S
            while not answers(base):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; its log: {log}")
                time.sleep(0.5)
            yield base, process.pid
        finally:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
            process.kill()  # nothing when it has ended
            process.wait()


def answers(base: str) -> bool:
    try:
        return requests.get(f"{base}/", timeout=10).status_code == 200
    except requests.RequestException:
        return False


def worker_rss_mib(master: int) -> float:
    """The largest resident size of the master's workers, MiB (Linux /proc)."""
    sizes_kib = [0]
    for task in Path(f"/proc/{master}/task").glob("*/children"):
        for pid in task.read_text().split():
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{pid}/status").read_text()
                sizes_kib += [int(line.split()[1]) for line in status.splitlines()
                              if line.startswith("VmRSS:")]
    return max(sizes_kib) / 1024


def measure_server(data_dir: Path, workers: int, args: argparse.Namespace) -> dict[int, dict]:
    log = args.out / f"load_gunicorn_{data_dir.name}_{workers}w.log"
    results: dict[int, dict] = {}
    with gunicorn(data_dir, workers, log) as (base, master):
        deps = dependencies(base)
        progress(f"{data_dir.name} rows, {workers} workers: warming up "
                 f"({args.server_warm_up:g} s, {2 * workers} readers)")
        run_step(base, deps, 2 * workers, 0.0, args.server_warm_up)
        for users in args.users:
            progress(f"  {users} readers: {args.warm_up:g} s + {args.seconds:g} s")
            results[users] = run_step(base, deps, users, args.warm_up, args.seconds)
            results[users]["worker_rss_mib"] = worker_rss_mib(master)
    failures = len(LOG_FAILURE.findall(log.read_text(encoding="utf-8", errors="replace")))
    for result in results.values():
        result["server_log_failures"] = failures
    return results


def table(results: dict[tuple[int, int, int], dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for (size, workers, users), r in results.items():
        lines.append(f"| {size:,} | {workers} | {users} | {r['requests']:,} | {r['rps']:.1f} | "
                     f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['max_ms']:.0f} | "
                     f"{r['errors']} | {r['worker_rss_mib']:.0f} | {r['client_cpu_pct']:.0f} |")
    return "\n".join(lines)


def flat(results: dict[tuple[int, int, int], dict], facts: dict, seconds: float) -> dict:
    """``load_2w_10_users_rps`` for 100,000 rows; other sizes ``load_10000_2w_10_users_rps``."""
    out: dict[str, object] = {f"load_{key}": value for key, value in facts.items()}
    out.update(load_step_seconds=seconds, load_target_rps=TARGET_RPS,
               load_target_p95_ms=TARGET_P95_MS)
    for (size, workers, users), result in results.items():
        prefix = "load_" + ("" if size == TARGET_SIZE else f"{size}_") + f"{workers}w_{users}_users"
        out.update({f"{prefix}_{name}": round(value, 1) if isinstance(value, float) else value
                    for name, value in result.items()})
    return out


def verdict(results: dict[tuple[int, int, int], dict]) -> list[str]:
    """The targets at 100,000 rows and 2 workers, met or missed, in words."""
    speed = results.get((TARGET_SIZE, TARGET_WORKERS, TARGET_USERS))
    errors = results.get((TARGET_SIZE, TARGET_WORKERS, TARGET_ERROR_USERS))
    lines = []
    if speed:
        met = speed["rps"] >= TARGET_RPS and speed["p95_ms"] < TARGET_P95_MS
        lines.append(f"target {'met' if met else 'MISSED'}: {TARGET_USERS} readers, "
                     f"{speed['rps']:.1f} req/s (>= {TARGET_RPS:.0f}), p95 "
                     f"{speed['p95_ms']:.0f} ms (< {TARGET_P95_MS:.0f})")
    if errors:
        lines.append(f"target {'met' if errors['errors'] == 0 else 'MISSED'}: "
                     f"{TARGET_ERROR_USERS} readers, {errors['errors']} errors (0)")
    return lines or ["targets not measured (they are for 100000 rows, 2 workers, 10 and 50)"]


def merge_json(figures: dict, path: Path) -> None:
    """This benchmark's figures replace its earlier ones; every other key stays."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report.write_json({**{k: v for k, v in old.items() if not k.startswith("load_")},
                       **figures}, path)


def measure_all(args: argparse.Namespace) -> dict[tuple[int, int, int], dict]:
    """Every step of ``args`` (see :func:`parse_args`), by (size, workers, users)."""
    results: dict[tuple[int, int, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="tertial-load-bench-") as scratch:
        for size in args.sizes:
            data_dir = Path(scratch) / str(size)
            import_size(size, args.out, data_dir)
            for workers in args.workers:
                for users, result in measure_server(data_dir, workers, args).items():
                    results[(size, workers, users)] = result
    return results


def legend(args: argparse.Namespace) -> str:
    return (f"gunicorn --preload --workers N --threads {THREADS} on 127.0.0.1; readers are "
            f"threads of the benchmark process, no pause between requests; {args.seconds:g} s "
            f"measured per step after {args.warm_up:g} s.")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    facts = report.machine()
    results = measure_all(args)
    print(report.header(facts, legend(args)))
    print(table(results))
    print("\n".join(["", *verdict(results)]))
    merge_json(flat(results, facts, args.seconds), args.results)
    print(f"\nFigures merged into {args.results}")


if __name__ == "__main__":
    main()
