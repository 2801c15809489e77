"""Theme templates we keep as copies of Material's, checked against the installed originals.

    python scripts/theme_copies.py           # check (tests/test_theme_copies.py runs this)
    python scripts/theme_copies.py --write   # record the intended change after editing a copy

Material is overridden through its template blocks wherever it has one.
Where it has none, a template stays a copy of Material's with a small,
intended change; that change is recorded as a unified diff against the
installed original in tests/theme_copies/<name>.diff. The check fails,
naming the file and Material's version, when the installed original is no
longer the one the diff was made from (Material changed it: merge its
change into our copy, then --write), or when our copy differs from the
original by more than the recorded change (--write after a deliberate
edit).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "theme_copies"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@dataclass(frozen=True)
class Copy:
    name: str  # of the record in tests/theme_copies/
    original: str  # below Material's templates/
    ours: str  # below the project
    block: str | None = None  # only this {% block %} of both files

    def text(self, path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        if self.block is None:
            return text
        match = re.search(r"^([ \t]*)\{% block " + self.block + r" %\}\n(.*?)^\1\{% endblock %\}", text, re.S | re.M)
        if not match:
            raise SystemExit(f"{path}: no {{% block {self.block} %}}: {self.ours} overrides a block Material no longer has")
        indent = match.group(1)
        return "".join(line.removeprefix(indent + "  ") if line.strip() else line for line in match.group(2).splitlines(True))


COPIES = (
    Copy("header.html", "partials/header.html", "overrides/partials/header.html"),
    Copy("toc.html", "partials/toc.html", "overrides/partials/toc.html"),
    Copy("site_meta", "base.html", "overrides/main.html", block="site_meta"),
    Copy("languages-lv.html", "partials/languages/lv.html", "overrides/partials/languages/lv.html"),
)


def material_version() -> str:
    return metadata.version("mkdocs-material")


def intended_change(copy: Copy) -> str:
    """The diff of our copy against the installed original, with the
    original's checksum in its first line."""
    original = copy.text(MATERIAL_TEMPLATES / copy.original)
    ours = copy.text(ROOT / copy.ours)
    digest = hashlib.sha256(original.encode()).hexdigest()
    header = f"# {copy.original}{f' block {copy.block}' if copy.block else ''} of mkdocs-material {material_version()}, sha256 {digest}\n"
    diff = difflib.unified_diff(original.splitlines(True), ours.splitlines(True), f"material/{copy.original}", copy.ours, n=2)
    return header + "".join(diff)


def check() -> list[str]:
    problems = []
    for copy in COPIES:
        record = RECORDS / f"{copy.name}.diff"
        if not record.exists():
            problems.append(f"{record.relative_to(ROOT)} is missing: run python scripts/theme_copies.py --write")
            continue
        recorded = record.read_text(encoding="utf-8")
        now = intended_change(copy)
        if recorded == now:
            continue
        if recorded.splitlines()[0].split("sha256 ")[-1] != now.splitlines()[0].split("sha256 ")[-1]:
            problems.append(
                f"{copy.ours}: Material's original {copy.original}{f' (block {copy.block})' if copy.block else ''} changed in the "
                f"installed mkdocs-material {material_version()} ({recorded.splitlines()[0].split(' of ')[1].split(',')[0]} when copied): "
                f"bring its change into our copy, check the page, then run python scripts/theme_copies.py --write."
            )
        else:
            problems.append(
                f"{copy.ours} differs from Material's {copy.original} by more than the change recorded in "
                f"{record.relative_to(ROOT)}: if the new change is intended, run python scripts/theme_copies.py --write."
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record our copies' change against the installed originals")
    args = parser.parse_args()
    if args.write:
        RECORDS.mkdir(parents=True, exist_ok=True)
        for copy in COPIES:
            (RECORDS / f"{copy.name}.diff").write_text(intended_change(copy), encoding="utf-8")
        print(f"Recorded {len(COPIES)} theme copies against mkdocs-material {material_version()}.")
        return 0
    problems = check()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
