"""Build the site into site/ without ever leaving a half-built or broken site.

One plain `mkdocs build --strict` (ProperDocs' `properdocs build` with
--engine properdocs) builds into a fresh temporary folder beside site/; only
when it passed is site/ replaced by it (a rename), with every folder 0755 and
every file 0644 so that any web server can read it. A failed build prints
what is wrong and leaves the last good site/ untouched. Everything else
happens inside the build, in hooks/, so `mkdocs build`, `mkdocs serve` and
this script give the same files.

    python scripts/build.py [--site-dir DIR] [--site-url URL] [--engine mkdocs|properdocs]

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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs")
# Not --quiet: it silences warnings before --strict can count them, and a
# broken link would pass. Progress lines (INFO) are left out of the report.
BUILD_FLAGS = ("--strict",)


class BuildError(Exception):
    """The build failed; the message is what MkDocs and the hooks reported."""


@dataclass
class ProcessResult:
    returncode: int
    output: str
    peak_rss_kib: int
    cpu_s: float  # user + system time of the process


def mkdocs_env(site_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.setdefault("SOURCE_DATE_EPOCH", last_commit_time())
    if site_url:
        env["SITE_URL"] = site_url
    return env


def last_commit_time() -> str:
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "0"


def run_process(command: list[str], cwd: Path, env: dict[str, str]) -> ProcessResult:
    """Run one command; return its exit code, output, peak memory and CPU time."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        # os.wait4 gives the peak memory and CPU time of this one process.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return ProcessResult(process.returncode, log.read(), usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def build_command(out_dir: Path, root: Path = ROOT, engine: str = "mkdocs") -> list[str]:
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    return [sys.executable, "-m", engine, "build", *BUILD_FLAGS,
            "--config-file", str(Path(root) / "mkdocs.yml"), "--site-dir", str(Path(out_dir).resolve())]


def build_into(out_dir: Path, site_url: str | None = None, root: Path = ROOT, engine: str = "mkdocs") -> ProcessResult:
    """Run a strict build of the site at `root` into out_dir (which it empties
    first); return the process's exit code, output, peak memory and CPU time."""
    result = run_process(build_command(out_dir, root, engine), Path(root), mkdocs_env(site_url))
    if result.returncode != 0:
        raise BuildError(problems(result.output) or f"the build stopped (exit code {result.returncode})")
    return result


# MkDocs' progress lines and the wrappers around the one-line messages of
# hooks/data.py and hooks/page_checks.py: not what an editor must act on.
# (Not --quiet: it hides the warnings that --strict fails on.)
NOISE = re.compile(r"^(INFO\b|Error reading page '|Error building page '|Aborted with |Mistakes in (data|docs)/ \(nothing was published\):$)")
LEVEL = re.compile(r"^(WARNING|ERROR)\s+-\s+")


def problems(output: str) -> str:
    """What the build reported, one line per problem, without noise."""
    lines = [LEVEL.sub("", line).rstrip() for line in output.splitlines() if not line.startswith("INFO")]
    kept = [line for line in lines if line.strip() and not NOISE.match(line)]
    # Both language builds may report the same problem: keep it once.
    # Indented lines (a YAML snippet to copy) belong to the line above and stay.
    seen: set[str] = set()
    unique = []
    for line in kept:
        if line[0].isspace() or line not in seen:
            unique.append(line)
        seen.add(line)
    return "\n".join(unique) or output.strip()


# What the hooks log for an editor without stopping the build (INFO, which
# --strict does not count): "file:line: warning: …", "data/: note: …".
EDITOR_NOTE = re.compile(r"^INFO\s+-\s+(?P<line>\S+?(?::\d+){0,2}: (?:warning|note): .*)$")


def notes(output: str) -> list[str]:
    """The warnings and notes for an editor in a build's output, each once."""
    return list(dict.fromkeys(match["line"] for match in map(EDITOR_NOTE.match, output.splitlines()) if match))


def make_readable(tree: Path) -> None:
    """Folders 0755, files 0644: a web server running as another user reads
    everything (mkdtemp makes its folder 0700, a umask can do the same)."""
    tree.chmod(0o755)
    for folder, subfolders, files in os.walk(tree):
        for name in subfolders:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def build_site(site_dir: Path, site_url: str | None = None, engine: str = "mkdocs", shown: list[str] | None = None) -> Path:
    """Build into a temporary folder, then replace site_dir with it; the
    build's warnings and notes for an editor are added to `shown`."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        result = build_into(staging, site_url, engine=engine)
        if shown is not None:
            shown += notes(result.output)
        make_readable(staging)
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
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="MkDocs (default) or ProperDocs, its maintained fork")
    args = parser.parse_args()
    shown: list[str] = []
    try:
        build_site(args.site_dir, args.site_url, args.engine, shown)
    except BuildError as error:
        print(error, file=sys.stderr)
        print(f"\nThe build failed: {args.site_dir} was left as it was.", file=sys.stderr)
        return 1
    for line in shown:
        print(line, file=sys.stderr)
    print(f"Built the site into {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
