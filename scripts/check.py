"""Every check without a browser: `make check`, run before each commit.

1. data/: every file against its schema (hooks/schema.py), every mistake at once;
2. docs/: every page has its twin in the other language, a title and a
   description, the same explicit heading ids (hooks/page_checks.py);
3. when both passed, a strict build of the whole site into a temporary
   folder (links, anchors, images, navigation, macros, templates), which is
   then thrown away: site/ is not touched;
4. data/addresses.txt against the addresses of that build's site model
   (scripts/address_manifest.py): no published address lost without a
   redirect, no new address unlisted.

Prints one line per mistake (file:line: what is wrong: how to fix it) and
exits with 1 when there is any.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import page_checks  # noqa: E402
import published  # noqa: E402
import sitedata  # noqa: E402
from address_manifest import check_manifest  # noqa: E402
from build import BuildError, build_into  # noqa: E402


def check_data(root: Path = ROOT) -> list[str]:
    try:
        sitedata.load(root / "data")
    except sitedata.DataError as error:
        return error.messages
    return []


def check_pages(root: Path = ROOT) -> list[str]:
    return page_checks.check_sources(root, published.languages_of(root))


def check_build() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="check-") as out:
        try:
            build_into(Path(out))
        except BuildError as error:
            return str(error).splitlines()
        return check_manifest()


def main() -> int:
    started = time.monotonic()
    problems = check_data() + check_pages()
    if not problems:
        problems = check_build()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s): nothing was published. Fix them and run `make check` again "
              "(CONTRIBUTING.md explains every message).", file=sys.stderr)
        return 1
    print(f"All checks passed ({time.monotonic() - started:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
