"""Build the site into site/ without ever leaving a half-built or broken site.

MkDocs builds into a fresh temporary folder beside site/; only when the build
and every check passed is site/ replaced by it (a rename). A failed build
prints what is wrong and leaves the last good site/ untouched. A large site
builds its two languages in two processes at once (scripts/parallel_build.py);
after the build, files no reader loads are removed (scripts/postprocess.py).

    python scripts/build.py [--site-dir DIR] [--site-url URL]

`build_site()` is what the tests and the other scripts call.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import parallel_build  # noqa: E402
import postprocess  # noqa: E402


class BuildError(Exception):
    """The build failed; the message is what MkDocs and the hooks reported."""


def mkdocs_env(site_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.setdefault("SOURCE_DATE_EPOCH", _last_commit_time())
    if site_url:
        env["SITE_URL"] = site_url
    return env


def _last_commit_time() -> str:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "0"


# From this much content (docs/ and data/) on, building the languages in two
# processes at once saves more than the second process costs to start (about
# 0.3 s of CPU: Python, MkDocs and the plugins, the configuration). The real
# site with its record (~106 KB, most of it the sources in data/, 24 pages per
# language) builds faster in one process (5.1 s against 7.0 s, measured);
# 100 pages per language (~150 KB) already faster in two, on two cores.
PARALLEL_FROM_BYTES = 150_000


def parallel_enabled(root: Path = ROOT) -> bool:
    """Both languages at once (scripts/parallel_build.py)? BUILD_PARALLEL=1
    always, =0 never, unset: when there are two cores and enough content."""
    setting = os.environ.get("BUILD_PARALLEL", "auto")
    if setting in ("0", "1"):
        return setting == "1"
    if (os.cpu_count() or 1) < 2:
        return False
    content = sum(p.stat().st_size for folder in ("docs", "data") for p in (Path(root) / folder).rglob("*") if p.is_file())
    return content >= PARALLEL_FROM_BYTES


def build_into(out_dir: Path, site_url: str | None = None, root: Path = ROOT) -> list[parallel_build.ProcessResult]:
    """Run a strict MkDocs build of the site at `root` into out_dir (which it
    empties first); return each build process's exit code, output and peak memory."""
    env = mkdocs_env(site_url)
    if parallel_enabled(root):
        results = parallel_build.build_parallel(Path(out_dir), Path(root), env)
    else:
        results = parallel_build.run_sequential(Path(out_dir), Path(root), env)
    # Both processes report a mistake found before the pages (data, config):
    # once (their tracebacks differ, their last line does not).
    reports: dict[str, str] = {}
    for result in results:
        if result.returncode != 0:
            report = problems(result.output) or f"the build stopped (exit code {result.returncode})"
            reports.setdefault(report.splitlines()[-1], report)
    failed = list(reports.values())
    if failed:
        raise BuildError("\n".join(failed))
    postprocess.drop_unloaded_files(Path(out_dir))
    return results


# MkDocs' progress lines and the wrappers around the one-line messages of
# hooks/data.py and hooks/page_checks.py: not what an editor must act on.
# (Not --quiet: it hides the warnings that --strict fails on.)
NOISE = re.compile(r"^(INFO\b|Error reading page '|Error building page '|Aborted with |Mistakes in (data|docs)/ \(nothing was published\):$)")
LEVEL = re.compile(r"^(WARNING|ERROR)\s+-\s+")


def problems(output: str) -> str:
    """What the build reported, one line per problem, without noise."""
    lines = [LEVEL.sub("", line).rstrip() for line in output.splitlines() if not line.startswith("INFO")]
    kept = [line for line in lines if line.strip() and not NOISE.match(line)]
    # Both language builds report the same problem: keep it once. Indented
    # lines (a YAML snippet to copy) belong to the line above and stay.
    seen: set[str] = set()
    unique = []
    for line in kept:
        if line[0].isspace() or line not in seen:
            unique.append(line)
        seen.add(line)
    return "\n".join(unique) or output.strip()


def build_site(site_dir: Path, site_url: str | None = None) -> Path:
    """Build into a temporary folder, then replace site_dir with it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        build_into(staging, site_url)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = site_dir.with_name(site_dir.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return site_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    parser.add_argument("--site-url", default=None, help="published address (default: site_url in mkdocs.yml)")
    args = parser.parse_args()
    try:
        build_site(args.site_dir, args.site_url)
    except BuildError as error:
        print(error, file=sys.stderr)
        print(f"\nThe build failed: {args.site_dir} was left as it was.", file=sys.stderr)
        return 1
    print(f"Built the site into {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
