"""What a change touches, compared with the main branch: the base, and the
warnings where one language changed and the other did not.

The base is where the change left the main branch (`git merge-base`): on
GitHub, of the pull request's base branch (origin/$GITHUB_BASE_REF, which the
workflow fetches); elsewhere of `main` (or origin/main). The change is every
difference between that commit and the files as they are now, committed or
not, so `make check` warns about work in progress as the pull request will.
Outside a git repository, or without a main branch, there is no base and
nothing here is reported; `no_base()` says why, in one line (check.py
prints it). What the change does to the published site, page by page, is
difference.py's.
"""

from __future__ import annotations

import difflib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .prose import LANGUAGES, OTHER, data_pairs

WATCHED = ("docs/", "data/")


@dataclass
class Base:
    root: Path
    commit: str
    name: str  # how messages name it: main, origin/main
    changed: set[str] = field(default_factory=set)  # paths below the root, changed or new since the base

    def old_text(self, path: str) -> str | None:
        result = _git(self.root, "show", f"{self.commit}:{path}")
        return result.stdout if result.returncode == 0 else None

    @property
    def is_here(self) -> bool:
        """Whether the files here are the base itself: its commit, nothing changed."""
        head = _git(self.root, "rev-parse", "HEAD").stdout.strip()
        return head == self.commit and not _git(self.root, "status", "--porcelain").stdout.strip()


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8")


def find_base(root: Path) -> Base | None:
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
        return None
    candidates = []
    if os.environ.get("GITHUB_BASE_REF"):
        candidates += [f"origin/{os.environ['GITHUB_BASE_REF']}", os.environ["GITHUB_BASE_REF"]]
    candidates += ["main", "origin/main"]
    for name in candidates:
        merge_base = _git(root, "merge-base", "HEAD", name)
        if merge_base.returncode == 0:
            base = Base(root, merge_base.stdout.strip(), name)
            diff = _git(root, "diff", "--name-only", "-z", base.commit, "--", *WATCHED)
            new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *WATCHED)
            base.changed = {p for p in (diff.stdout + new.stdout).split("\0") if p}
            return base
    return None


def no_base(root: Path) -> str:
    """Why find_base found none, in one line."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        return "not compared with the main branch: this folder is not a git repository."
    if Path(top.stdout.strip()).resolve() != root.resolve():
        return "not compared with the main branch: this folder is inside another git repository."
    branches = [os.environ["GITHUB_BASE_REF"]] if os.environ.get("GITHUB_BASE_REF") else []
    branches.append("main")
    names = [name for branch in branches for name in (branch, f"origin/{branch}")]
    known = [name for name in names if _git(root, "rev-parse", "--verify", "--quiet", name).returncode == 0]
    if not known:
        return f"not compared with the main branch: there is no branch {branches[0]} (nor origin/{branches[0]}) here."
    if _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        return (f"not compared with {known[0]}: this clone is shallow and lacks the commit where the change left it "
                "(fetch the whole history: git fetch --unshallow, or fetch-depth: 0 in the workflow).")
    return f"not compared with {known[0]}: the change shares no history with it."


# --- One language changed, the other not ----------------------------------------------


def one_language_warnings(root: Path, base: Base) -> list[str]:
    warnings = []
    for lang, other in OTHER.items():
        for path in sorted(p for p in base.changed if p.startswith(f"docs/{lang}/") and p.endswith(".md")):
            twin = f"docs/{other}/{path.split('/', 2)[2]}"
            if twin in base.changed or not (root / twin).is_file() or not (root / path).is_file():
                continue  # both changed; or a missing twin, which the page checks report
            line = _first_changed_line(base.old_text(path) or "", (root / path).read_text(encoding="utf-8"))
            warnings.append(
                f"{path}:{line}:1: warning: only the {LANGUAGES[lang]} page changed (compared with {base.name}): "
                f"check whether {twin} needs the same change (a spelling fix needs none)."
            )
    warnings += _data_warnings(root, base)
    return warnings


def _first_changed_line(old: str, new: str) -> int:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for tag, _, _, start, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            return min(start + 1, max(len(new_lines), 1))
    return 1


def _data_warnings(root: Path, base: Base) -> list[str]:
    changed = {p for p in base.changed if p.startswith("data/") and p.endswith(".yml")}
    if not changed:
        return []
    old_documents: dict[str, Any] = {}
    warnings = []
    for lv, en in data_pairs(root):
        if lv.source.shown not in changed and en.source.shown not in changed:
            continue
        old = {}
        for text in (lv, en):
            path = text.source.shown
            if path not in old_documents:
                old_documents[path] = _safe_load(base.old_text(path))
            old[text.lang] = _value_at(old_documents[path], text)
        if old["lv"] is None or old["en"] is None:
            continue  # a new item or field: there is nothing to compare with
        edited = {text.lang: text for text in (lv, en) if text.value != old[text.lang]}
        if len(edited) != 1:
            continue
        (lang, text), = edited.items()
        twin = en if lang == "lv" else lv
        line, column = text.source.where(text.start)
        twin_line = twin.source.where(twin.start)[0]
        if text.source is twin.source:
            what = f"{text.label}only {text.name} changed (compared with {base.name}): check whether {twin.name} (line {twin_line})"
        else:
            what = (f"only the {LANGUAGES[lang]} text of \"{text.field}\" changed (compared with {base.name}): "
                    f"check whether {twin.source.shown}:{twin_line}")
        warnings.append(f"{text.source.shown}:{line}:{column}: warning: {what} needs the same change (a spelling fix needs none).")
    return warnings


def _safe_load(text: str | None) -> Any:
    try:
        return yaml.safe_load(text) if text else None
    except (yaml.YAMLError, ValueError):  # ValueError: a date that does not exist (2022-04-31)
        return None


def _value_at(document: Any, text) -> str | None:
    """The same text in the old document: list items found by their id, so
    that an item added above does not make every later one look changed."""
    if text.source.shown.startswith("data/ui/"):
        return document.get(text.field) if isinstance(document, dict) else None
    return _find(document, text.path + (text.lang,))


def _find(value: Any, path: tuple) -> Any:
    for step in path:
        if isinstance(step, tuple):  # ("id", "study-visits"): the list item with that id
            value = next((item for item in value if isinstance(item, dict) and item.get("id") == step[1]), None) if isinstance(value, list) else None
        elif isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return None
        if value is None:
            return None
    return value if isinstance(value, str) else None
