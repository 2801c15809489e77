"""What git says about the project: when each file last changed, and the
commit being built (not a hook).

hooks/sitemap.py dates each page by the last commit that changed its source;
the record (hooks/record.py) dates its edition by the newest of its pages and
names the commit it was built from. One `git log` pass serves every file
(one process per file is slow with many pages). Without git (a copy of the
project, git not installed) there are no dates and no commit: callers fall
back to SOURCE_DATE_EPOCH or leave the date out.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_git_cache: dict[tuple[str, str], dict[str, int]] = {}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None  # no git installed
    return result.stdout if result.returncode == 0 else None


def last_changes(root: Path) -> dict[str, int]:
    """{path relative to root: Unix time of the newest commit that changed it}."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return {}
    key = (str(root), head.strip())
    if key not in _git_cache:
        # --cc: a merge lists the files it changed against every parent (a
        # resolved conflict), as `git log -1 -- <file>` would date them.
        log = _git(root, "log", "--relative", "--format=@%ct", "--name-only", "--cc", "--", ".") or ""
        dates: dict[str, int] = {}
        current = 0
        for line in log.splitlines():
            if line.startswith("@"):
                current = int(line[1:])
            elif line:
                dates.setdefault(line, current)  # the log runs newest first
        _git_cache[key] = dates
    return _git_cache[key]


def commit(root: Path) -> str | None:
    """The short hash of the commit being built, or None without git."""
    found = _git(root, "rev-parse", "--short", "HEAD")
    return found.strip() if found else None


def last_commit_time(root: Path) -> int | None:
    """The Unix time of the last commit, or None without git."""
    found = _git(root, "log", "-1", "--format=%ct")
    return int(found) if found and found.strip().isdigit() else None


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH when it is set to a time after 1970, else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() and int(epoch) > 0 else None
