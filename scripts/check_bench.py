"""`make bench`, the content check's part: `make check` on a pull request, cold and warm.

The pull request's content check (the `check` job of
.github/workflows/test.yml) must finish within three minutes on GitHub's
two-core runner. Its longest step is `make check`, which builds the change
and, to show what the change does, the base it left main at. This script
times that step where it can be timed, here: in a copy of the project (a
git repository whose main branch is this content, scripts/change_example.py)
with the guide's example change on a branch,
- cold: nothing kept, as on a pull request's first run on GitHub: no build
  of the base, no cache of the project (.cache/: checked data, templates,
  the record's PDF editions) and no dictionary verdicts (XDG_CACHE_HOME);
- later runs on GitHub: the base's build kept (.cache/base-site/, which the
  workflow keeps in the Actions cache), nothing else;
- warm: everything kept, as on an editor's computer.
Each is the median of --runs runs, with the CPU time of make and all it ran
(what an idle two-core runner would spend) beside the wall-clock time. It
prints a table and writes build-output/check-bench.json (--quick: one run
of each, build-output/check-bench-quick.json, for `make bench-quick`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import change_example  # noqa: E402

JSON_PATH = ROOT / "build-output" / "check-bench.json"
QUICK_JSON_PATH = ROOT / "build-output" / "check-bench-quick.json"
# make check's share of the job's three minutes: the rest is the checkout,
# `make install` and Debian's dictionaries, and the site's build for the reviewers.
TARGETS = {"cold_s": 90.0, "github_later_s": 60.0, "warm_s": 30.0}
KINDS = {
    "cold": "make check, nothing kept (a pull request's first run)",
    "github_later": "make check, the base's build kept (its later runs)",
    "warm": "make check, everything kept (an editor's computer)",
}


def make_check(project: Path, cache: Path, xdg: Path) -> tuple[float, float, int]:
    """(wall-clock seconds, CPU seconds of make and everything it ran, exit code)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "BASE_SITE_CACHE"))}
    env.update(BASE_SITE_CACHE=str(cache), XDG_CACHE_HOME=str(xdg))
    before = os.times()
    started = time.monotonic()
    result = subprocess.run(["make", "--no-print-directory", "check"], cwd=project, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
    return wall, cpu, result.returncode


def run(runs: int) -> dict:
    report: dict = {"runs": runs, "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()[0], "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="check-bench-") as folder:
        project = change_example.published_copy(Path(folder) / "project")
        os.utime(project / "requirements.lock", (0, 0))  # make must not install again into the linked environment
        change_example.make_change(project)
        cache, xdg = Path(folder) / "base-site", Path(folder) / "xdg-cache"
        for kind in KINDS:
            times = []
            for index in range(runs):
                if kind != "warm":
                    shutil.rmtree(project / ".cache", ignore_errors=True)
                    shutil.rmtree(xdg, ignore_errors=True)
                if kind == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                print(f"make check, {kind}: run {index + 1}/{runs}", file=sys.stderr)
                times.append(make_check(project, cache, xdg))
            if any(code for _, _, code in times):
                raise SystemExit(f"make check failed in the copy ({kind}): see above")
            report[kind] = {"wall_s": statistics.median(t for t, _, _ in times), "cpu_s": statistics.median(c for _, c, _ in times),
                            "runs_s": [round(t, 2) for t, _, _ in times]}
    report["load_average_after"] = os.getloadavg()[0]
    return report


def table(report: dict) -> str:
    rows = [("", "wall clock", "CPU", "target")]
    for kind, what in KINDS.items():
        figures = report[kind]
        target = report["targets"][f"{kind}_s"]
        met = "met" if figures["wall_s"] <= target else "NOT MET"
        rows.append((what, f"{figures['wall_s']:.1f} s", f"{figures['cpu_s']:.1f} s", f"≤ {target:.0f} s: {met}"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    note = (f"Medians of {report['runs']} runs in a copy with one changed date; {report['cpus']} CPUs; load average "
            f"{report['load_average_at_start']:.1f} at start, {report['load_average_after']:.1f} after (wall clock counts the "
            "waits for a busy CPU, CPU time much less).")
    return "\n".join(lines) + "\n\n" + note


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument("--quick", action="store_true", help="one run of each (make bench-quick: proves it still runs)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.json = args.json or (QUICK_JSON_PATH if args.quick else JSON_PATH)
    report = run(1 if args.quick else args.runs)
    text = table(report)
    report["table"] = text.splitlines()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(text)
    print(f"\nWritten to {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
