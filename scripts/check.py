"""Every check without a browser: `make check`, run before each commit.

1. data/: every file against its schema (hooks/schema.py), all mistakes at once;
2. a strict build of the whole site into a temporary folder (pages, links,
   anchors, macros, templates), which is then thrown away: site/ is not touched;
3. data/addresses.txt against that build (scripts/addresses.py): no published
   address lost without a redirect, no new address unlisted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Appended, not prepended: scripts/addresses.py (imported below) and the
# hook hooks/addresses.py share a name.
sys.path.append(str(ROOT / "hooks"))

import sitedata  # noqa: E402
from addresses import check_manifest  # noqa: E402
from build import BuildError, build_into  # noqa: E402


def check_data() -> list[str]:
    try:
        sitedata.load(ROOT / "data")
    except sitedata.DataError as error:
        return error.messages
    return []


def check_build() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="check-") as out:
        try:
            build_into(Path(out))
        except BuildError as error:
            return [str(error)]
        return check_manifest(Path(out))


def main() -> int:
    problems = check_data()
    if not problems:
        problems = check_build()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s): nothing was published. Fix them and run `make check` again.", file=sys.stderr)
        return 1
    print("All checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
