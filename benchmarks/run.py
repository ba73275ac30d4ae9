"""Fresh-process wall time of safeharbor commands against the floor app, measured side by side.

    python benchmarks/run.py [--repeat 15]

Each command runs as a new process (as a user or a pre-commit hook would run it); the median of
the runs is reported, and its ratio to the floor (benchmarks/floor_app.py) against the target.
Timings are "warm cache" (the parsed-data cache of safeharbor is filled first); the cold line
sets SAFEHARBOR_NO_CACHE=1 so every YAML file is parsed.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SH = [sys.executable, "-m", "safeharbor_cli"]

CASES = [
    ("floor: minimal Typer + PyYAML + rich table", [sys.executable, str(HERE / "floor_app.py")], None, {}),
    ("safeharbor grade TX", [*SH, "grade", "TX"], 1.3, {}),
    ("safeharbor grade TX --format json", [*SH, "grade", "TX", "--format", "json"], 0.7, {}),
    ("safeharbor grade --all", [*SH, "grade", "--all"], 1.6, {}),
    (
        "safeharbor grade TX --format json (cold: no cache)",
        [*SH, "grade", "TX", "--format", "json"],
        None,
        {"SAFEHARBOR_NO_CACHE": "1"},
    ),
    ("safeharbor check", [*SH, "check"], 2.5, {}),
]


def wall(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    full = {**os.environ, "COLUMNS": "100", **env}
    subprocess.run(cmd, cwd=ROOT, env=full, capture_output=True, check=False)  # warm the OS and our cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=full, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    states = len(list((ROOT / "states").glob("*.yaml")))
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; {states} state files"
    )
    floor = None
    for label, cmd, target, env in CASES:
        seconds = wall(cmd, env, args.repeat)
        floor = floor or seconds
        ratio = seconds / floor
        verdict = "" if target is None else ("  ok" if ratio <= target else "  OVER")
        goal = "" if target is None else f" (target <= {target}x)"
        print(f"{label:55s} {seconds * 1000:7.1f} ms  {ratio:4.2f}x floor{goal}{verdict}")


if __name__ == "__main__":
    main()
