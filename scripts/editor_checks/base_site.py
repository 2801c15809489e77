"""The site as it was before the change: the base commit, built with its own code.

The base is where the change left the main branch (changes.find_base). It
is built as it was published: from a `git worktree` of that commit (its own
mkdocs.yml, hooks, templates and data, never the change's), with one plain
`mkdocs build --strict` and the date of that commit as SOURCE_DATE_EPOCH.
It runs with the installed packages, so only when the base locks the same
versions (its requirements.lock is this one); otherwise it is not built and
the one line of `problem` says why.

A base commit never changes, so its build is kept, by commit, in
.cache/base-site/<commit>/ (the pull-request workflow keeps that folder in
the Actions cache, keyed by the base commit): the second `make check` on a
branch builds only the change. BASE_SITE_CACHE names another folder (the
tests share one). The three newest builds are kept.

`start()` begins the build in its own process and returns at once, so the
base builds while `make check` checks and builds the change; `result()`
waits for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from build import problems  # scripts/build.py: what a build reported, without noise

LOCK_FILE = "requirements.lock"
KEEP = 3  # cached base builds kept
# Not --quiet: the build's own warnings would be hidden (scripts/build.py).
BUILD = ("-m", "mkdocs", "build", "--strict")


@dataclass
class BaseSite:
    commit: str
    site: Path | None  # the built site, or None when it could not be built
    problem: str | None  # why not, one line for the editor
    cached: bool = False


def cache_dir(root: Path) -> Path:
    return Path(os.environ.get("BASE_SITE_CACHE") or Path(root) / ".cache" / "base-site")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8")


def _env(root: Path, commit: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    when = _git(root, "show", "-s", "--format=%ct", commit).stdout.strip()
    env["SOURCE_DATE_EPOCH"] = when or "0"
    env.pop("BASE_SITE_CACHE", None)
    # The whole record's PDF editions are never compared (difference.py):
    # the base is built without them (hooks/record_pdf.py's switch; a base
    # older than the record ignores it).
    env["RECORD_PDF"] = "off"
    return env


def _site_url() -> str:
    return os.environ.get("SITE_URL", "")


class Build:
    """One base build under way (or already done, from the cache)."""

    def __init__(self, root: Path, commit: str, name: str) -> None:
        self.root, self.commit, self.name = Path(root), commit, name
        self.short = commit[:7]
        self.done: BaseSite | None = None
        self.process: subprocess.Popen | None = None
        self.worktree: Path | None = None
        self.log = None
        self.folder = cache_dir(self.root) / commit

    def start(self) -> "Build":
        meta = self.folder / "built.json"
        if meta.is_file() and (self.folder / "site").is_dir():
            with contextlib.suppress(OSError, ValueError):
                if json.loads(meta.read_text(encoding="utf-8")).get("site_url") == _site_url():
                    self.done = BaseSite(self.commit, self.folder / "site", None, cached=True)
                    return self
        problem = self._cannot_build()
        if problem:
            self.done = BaseSite(self.commit, None, problem)
            return self
        self.worktree = Path(tempfile.mkdtemp(prefix="base-site-"))
        added = _git(self.root, "worktree", "add", "--detach", "--force", str(self.worktree), self.commit)
        if added.returncode != 0:
            self._remove_worktree()
            reason = (added.stderr.strip().splitlines() or ["git worktree failed"])[-1]
            self.done = BaseSite(self.commit, None, f"the base {self.name} ({self.short}) could not be checked out ({reason}): the difference is left out.")
            return self
        staging = self.folder.with_name(f"{self.commit}.{os.getpid()}.tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.staging = staging
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        command = [sys.executable, *BUILD, "--config-file", str(self.worktree / "mkdocs.yml"), "--site-dir", str(staging / "site")]
        self.process = subprocess.Popen(command, cwd=self.worktree, env=_env(self.root, self.commit),
                                        stdout=self.log, stderr=subprocess.STDOUT, text=True)
        return self

    def _cannot_build(self) -> str | None:
        """Why the base cannot be built here, or None."""
        if _git(self.root, "cat-file", "-e", f"{self.commit}^{{commit}}").returncode != 0:
            return f"the base commit {self.short} of {self.name} is not in this clone: fetch its history (fetch-depth: 0): the difference is left out."
        if _git(self.root, "cat-file", "-e", f"{self.commit}:mkdocs.yml").returncode != 0:
            return f"the base {self.name} ({self.short}) has no mkdocs.yml: there is no site to compare with."
        base_lock = _git(self.root, "show", f"{self.commit}:{LOCK_FILE}")
        here = self.root / LOCK_FILE
        base_text = base_lock.stdout if base_lock.returncode == 0 else None
        here_text = here.read_text(encoding="utf-8") if here.is_file() else None
        if base_text != here_text:
            return (f"the base {self.name} ({self.short}) locks other package versions ({LOCK_FILE} differs from this change's): "
                    "its dependencies are not installed here, so it was not built and the difference is left out.")
        return None

    def result(self) -> BaseSite:
        if self.done is not None:
            return self.done
        try:
            code = self.process.wait()
            self.log.seek(0)
            output = self.log.read()
            self.log.close()
            if code != 0:
                first = (problems(output).splitlines() or ["the build stopped"])[0]
                shutil.rmtree(self.staging, ignore_errors=True)
                self.done = BaseSite(self.commit, None, f"the base {self.name} ({self.short}) could not be built ({first}): the difference is left out.")
                return self.done
            (self.staging / "built.json").write_text(json.dumps({"commit": self.commit, "site_url": _site_url()}), encoding="utf-8")
            shutil.rmtree(self.folder, ignore_errors=True)
            os.replace(self.staging, self.folder)
            self._forget_old()
            self.done = BaseSite(self.commit, self.folder / "site", None)
            return self.done
        finally:
            self._remove_worktree()

    def stop(self) -> None:
        """Keep a build that has finished, stop one still under way (the
        change had errors, or make check was interrupted)."""
        if self.done is not None or self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
            self.log.close()
            shutil.rmtree(self.staging, ignore_errors=True)
            self._remove_worktree()
            return
        self.result()

    def _remove_worktree(self) -> None:
        if self.worktree is not None:
            _git(self.root, "worktree", "remove", "--force", str(self.worktree))
            shutil.rmtree(self.worktree, ignore_errors=True)
            _git(self.root, "worktree", "prune")
            self.worktree = None

    def _forget_old(self) -> None:
        builds = sorted((p for p in self.folder.parent.iterdir() if p.is_dir() and not p.name.endswith(".tmp")),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in builds[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)


def start(root: Path, commit: str, name: str) -> Build:
    """Begin building the base commit (or find it in the cache)."""
    return Build(root, commit, name).start()
