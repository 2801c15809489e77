"""Every check without a browser: `make check`, run before each commit.

1. data/: every file against its schema (hooks/helpers/schema.py), every mistake at once;
2. docs/: every page has its twin in the other language, a title and a
   description, the same explicit heading ids (hooks/page_checks.py);
3. when both passed, a strict build of the whole site into a temporary
   folder (links, anchors, images, navigation, macros, templates), which is
   then thrown away: site/ is not touched;
4. data/addresses.txt against the addresses of that build's site model
   (scripts/address_manifest.py): no published address lost without a
   redirect, no new address unlisted;
5. the editors' checks (scripts/editor_checks/): the figures of each page and
   data text agree between the languages, the spelling of every text, the
   one English rendering of each administrative term (data/terms.yml), and,
   compared with the main branch, a warning where only one language changed.

Prints one line per mistake (file:line: what is wrong: how to fix it) and
exits with 1 when there is any error (warnings do not fail). On GitHub
Actions (GITHUB_ACTIONS=true) every line becomes an annotation on its file
and line, and $GITHUB_STEP_SUMMARY gets every message, the pages the change
touches and the declared differences (scripts/editor_checks/report.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import page_checks  # noqa: E402
from helpers import published, sitedata  # noqa: E402
from address_manifest import check_manifest  # noqa: E402
from build import BuildError, build_into  # noqa: E402
from editor_checks import changes, figures, report, spelling, terms  # noqa: E402


def check_data(root: Path = ROOT) -> list[str]:
    try:
        sitedata.load(root / "data")
    except sitedata.DataError as error:
        return error.messages
    return []


def check_pages(root: Path = ROOT) -> list[str]:
    return page_checks.check_sources(root, published.languages_of(root))


def check_build(then=None) -> tuple[list[str], list[str]]:
    """(build errors, address manifest errors); `then(site_dir)` runs on a
    successful build before its folder is removed."""
    with tempfile.TemporaryDirectory(prefix="check-") as out:
        try:
            build_into(Path(out))
        except BuildError as error:
            return str(error).splitlines(), []
        if then is not None:
            then(Path(out))
        return [], check_manifest()


def main() -> int:
    started = time.monotonic()
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    found = report.messages("data", check_data()) + report.messages("pages", check_pages())
    figures_result = figures.check(ROOT)
    spelling_errors, spelling_warnings = spelling.check(ROOT)
    base = changes.find_base(ROOT)
    changed_pages: list = []

    def list_changed_pages(site_dir: Path | None) -> None:
        if summary_file and base is not None:
            changed_pages.extend(changes.changed_pages(ROOT, base, site_dir))

    if not found:
        build_errors, manifest_errors = check_build(then=list_changed_pages)
        found += report.messages("build", build_errors) + report.messages("addresses", manifest_errors)
    if not changed_pages:
        list_changed_pages(None)  # without a build: the Markdown pages and the data items' own pages
    found += report.messages("figures", figures_result.messages)
    found += report.messages("spelling", spelling_errors + spelling_warnings)
    found += report.messages("terms", terms.check(ROOT))
    if base is not None:
        found += report.messages("languages", changes.one_language_warnings(ROOT, base))
    errors = [m for m in found if m.level == "error"]
    warnings = [m for m in found if m.level == "warning"]
    for message in errors + warnings:
        print(report.annotation(message) if on_github else message.line_text, file=sys.stdout if on_github else sys.stderr)
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(report.summary(found, changed_pages, figures_result.declared, base.name if base else None))
    sys.stderr.flush()
    if base is None:
        print("(Not compared with the main branch: no git repository or no main branch here.)", flush=True)
    if errors:
        print(f"\n{len(errors)} problem(s): nothing was published. Fix them and run `make check` again "
              "(CONTRIBUTING.md explains every message).", file=sys.stderr)
        return 1
    print(f"All checks passed ({time.monotonic() - started:.1f} s)" + (f", {len(warnings)} warning(s)." if warnings else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
