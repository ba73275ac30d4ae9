"""Fresh-process wall time of safeharbor commands against the floor app, measured side by side.

    python benchmarks/run.py [--repeat 15] [--skip-peer] [--skip-scaling]

Each command runs as a new process (as a user or a pre-commit hook would run it); the median of
the runs is reported, and its ratio to the floor (benchmarks/floor_app.py: a minimal Typer app that
prints a rich table) against the target. Timings are "warm cache" (safeharbor's parsed-data cache
is filled first); lines marked "cold" set SAFEHARBOR_NO_CACHE=1 so every YAML file is parsed.

Peer: `check-jsonschema` (pip install check-jsonschema) validating the same state files with the
same JSON Schema, next to `safeharbor check` of the whole repository (which also checks the
vocabulary, the rubric, its monotonicity and example cases, and the semantic rules). Skipped, with
a note, when check-jsonschema is not installed.

Scaling: grades 100, 1,000 and 10,000 synthetic jurisdiction-years in one process and prints the
time per jurisdiction-year, which stays flat when the cost grows linearly.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the installed console script, as users run it (falls back to python -m when not installed)
_SCRIPT = Path(sys.executable).with_name("safeharbor")
SH = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "safeharbor_cli"]
COLD = {"SAFEHARBOR_NO_CACHE": "1"}

CASES = [
    ("floor: minimal Typer + PyYAML + rich table", [sys.executable, str(HERE / "floor_app.py")], None, {}),
    ("safeharbor grade TX", [*SH, "grade", "TX"], 1.3, {}),
    ("safeharbor grade TX --format json", [*SH, "grade", "TX", "--format", "json"], 0.7, {}),
    ("safeharbor grade --all", [*SH, "grade", "--all"], 1.6, {}),
    ("safeharbor grade TX --format json (cold)", [*SH, "grade", "TX", "--format", "json"], None, COLD),
    ("safeharbor check", [*SH, "check"], 2.5, {}),
    ("safeharbor check (cold: every file parsed)", [*SH, "check"], None, COLD),
    ("safeharbor export --what facts (full panel)", [*SH, "export", "--what", "facts"], 4.0, {}),
    ("safeharbor export --what criteria", [*SH, "export", "--what", "criteria"], 4.0, {}),
    ("safeharbor export --what grades", [*SH, "export", "--what", "grades"], 4.0, {}),
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


def line(label: str, seconds: float, floor: float, target: float | None) -> None:
    ratio = seconds / floor
    verdict = "" if target is None else ("  ok" if ratio <= target else "  OVER")
    goal = "" if target is None else f" (target <= {target}x)"
    print(f"{label:52s} {seconds * 1000:8.1f} ms  {ratio:5.2f}x floor{goal}{verdict}")


def peer(repeat: int, floor: float, ours: float, ours_cold: float) -> None:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        print("peer: check-jsonschema is not installed (pip install check-jsonschema); skipped")
        return
    states = sorted(str(p) for p in (ROOT / "states").glob("*.yaml"))
    schema = ROOT / "src" / "safeharbor_cli" / "schemas" / "state.schema.json"
    seconds = wall([exe, "--schemafile", str(schema), *states], {}, repeat)
    line(f"peer: check-jsonschema ({len(states)} state files)", seconds, floor, None)
    print(
        f"  safeharbor check is {seconds / ours:.1f}x faster warm, {seconds / ours_cold:.1f}x faster cold, "
        "and also checks vocabulary, rubric, cases and semantics, with line numbers"
    )


def scaling() -> None:
    """Grade synthetic jurisdiction-years in-process: time per jurisdiction-year at three sizes."""
    import datetime as dt

    from safeharbor_cli.dataset import load_dataset
    from safeharbor_cli.engine import assign_ranks, grade_state
    from safeharbor_cli.states import Citation, Entry, StateData, Timeline

    data = load_dataset(ROOT / "states")
    vocab, rubric = data.vocab, data.rubric
    rng = random.Random(2008)
    cite = (Citation("Synthetic § 1", "https://example.org/1"),)

    def synthetic(i: int) -> StateData:
        timelines = {}
        for fid in vocab.ids:
            values = vocab[fid].domain()
            if vocab[fid].type == "int":
                values = list(range(vocab[fid].min, vocab[fid].max + 1))
            starts = sorted(rng.sample(range(1, 6500), rng.randint(0, 3)))
            entries = [Entry(dt.date(2008, 1, 1), rng.choice([*values, "unknown"]), cite, "high")]
            entries += [
                Entry(dt.date(2008, 1, 1) + dt.timedelta(days=d), rng.choice(values), cite, "high") for d in starts
            ]
            timelines[fid] = Timeline(fid, tuple(entries))
        return StateData(f"S{i}", f"Synthetic {i}", dt.date(2026, 1, 1), "synthetic", timelines)

    import gc

    gc.disable()  # as the command line runs (safeharbor_cli.entry)
    print("scaling (in-process, real rubric: synthetic jurisdictions, each graded and ranked at 10 year-ends):")
    days = [dt.date(2008 + 2 * i, 12, 31) for i in range(10)]  # 2008, 2010, ..., 2026
    for n in (100, 1_000, 10_000):
        states = [synthetic(i) for i in range(n // len(days))]
        start = time.perf_counter()
        for day in days:
            assign_ranks([grade_state(rubric, vocab, s, day) for s in states])
        seconds = time.perf_counter() - start
        done = len(states) * len(days)
        print(f"  {done:6d} jurisdiction-years: {seconds * 1000:8.1f} ms  {seconds / done * 1e6:6.1f} us each")
    gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()
    # An installed package has bytecode (pip compiles it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run and measure that instead.
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("safeharbor_cli")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    states = len(list((ROOT / "states").glob("*.yaml")))
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{states} state files; median of {args.repeat} fresh processes"
    )
    floor = None
    measured = {}
    for label, cmd, target, env in CASES:
        seconds = wall(cmd, env, args.repeat)
        floor = floor or seconds
        measured[label] = seconds
        line(label, seconds, floor, target)
    assert floor is not None
    if not args.skip_peer:
        peer(args.repeat, floor, measured["safeharbor check"], measured["safeharbor check (cold: every file parsed)"])
    if not args.skip_scaling:
        scaling()


if __name__ == "__main__":
    main()
