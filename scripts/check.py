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
   compared with the main branch, a warning where only one language changed;
6. compared with the main branch, what the change does to the published
   site: the base (where the change left main) is built with its own code
   (editor_checks/base_site.py, cached by commit), while the change is
   checked, and compared with the change's build of step 3, page by page,
   word by word (editor_checks/difference.py, change_summary.py).

Prints one line per mistake (file:line: what is wrong: how to fix it) and
exits with 1 when there is any error (warnings do not fail); then a short
form of what the change does, whose whole text it writes to
build-output/changes.md. On GitHub Actions (GITHUB_ACTIONS=true) every line
becomes an annotation on its file and line, and $GITHUB_STEP_SUMMARY gets
every message, what the change does to the site in both languages and the
declared differences (scripts/editor_checks/report.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
# The whole difference a change makes, written by a `make check` in a terminal.
CHANGES_FILE = ROOT / "build-output" / "changes.md"

import page_checks  # noqa: E402
from helpers import published, schema, sitedata, unused  # noqa: E402
from address_manifest import check_manifest  # noqa: E402
from build import BuildError, build_into, last_commit_time  # noqa: E402
from editor_checks import base_site, change_summary, changes, difference, figures, report, spelling, terms  # noqa: E402


def check_data(root: Path = ROOT) -> list[str]:
    """Every mistake in data/, files nothing reads included; then the
    warnings about sources nothing cites."""
    try:
        data, errors = sitedata.load(root / "data"), []
    except sitedata.DataError as error:
        data, errors = None, error.messages
    errors += unused.data_errors(root, data)
    return errors + (unused.source_warnings(root, data) if data is not None else [])


def check_pages(root: Path = ROOT) -> list[str]:
    """Every mistake in docs/ a build cannot see; then the warnings about
    files of docs/ no page uses."""
    langs = published.languages_of(root)
    return page_checks.check_sources(root, langs) + unused.docs_warnings(root, langs)


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
    # The date of the commit being checked, as the build takes it: no date of
    # the record may be later (hooks/helpers/schema.py).
    os.environ.setdefault("SOURCE_DATE_EPOCH", last_commit_time())
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    base = changes.find_base(ROOT)
    # The base builds in its own process while the change is checked (not
    # on the main branch itself: there is nothing to compare).
    base_build = base_site.start(ROOT, base.commit, base.name) if base is not None and not base.is_here else None
    try:
        found, declared, shown = _check(base, base_build)
    finally:
        if base_build is not None:
            base_build.stop()
    errors = [m for m in found if m.level == "error"]
    warnings = [m for m in found if m.level == "warning"]
    for message in errors + warnings:
        print(report.annotation(message) if on_github else message.line_text, file=sys.stdout if on_github else sys.stderr)
    sys.stderr.flush()
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as summary:
            summary.write(report.summary(found, shown.markdown, declared))
    if not on_github:
        CHANGES_FILE.parent.mkdir(exist_ok=True)
        CHANGES_FILE.write_text(shown.markdown, encoding="utf-8")
    if schema.built_on() is None:
        print(schema.DATES_NOT_COMPARED)
    print("\n".join(shown.terminal(CHANGES_FILE.relative_to(ROOT).as_posix() if not on_github else None)), flush=True)
    if errors:
        outcome = "nothing was published" if on_github else "the site was not built"
        print(f"\n{len(errors)} problem(s): {outcome}. Fix them and run `make check` again "
              "(CONTRIBUTING.md explains every message).", file=sys.stderr)
        return 1
    print(f"All checks passed ({time.monotonic() - started:.1f} s)" + (f", {len(warnings)} warning(s)." if warnings else "."))
    return 0


class Shown:
    """What the change does to the site, or why that is not shown."""

    def __init__(self, difference=None, compared: tuple[str, str] | None = None, problem: str | None = None) -> None:
        self.difference, self.compared, self.problem = difference, compared, problem

    @property
    def markdown(self) -> str:
        return change_summary.markdown(self.difference, self.compared, self.problem)

    def terminal(self, written_to: str | None) -> list[str]:
        return change_summary.terminal(self.difference, self.compared, self.problem, written_to if not self.problem else None)


def _check(base, base_build) -> tuple[list, list, Shown]:
    found = report.messages("data", check_data()) + report.messages("pages", check_pages())
    figures_result = figures.check(ROOT)
    spelling_errors, spelling_warnings = spelling.check(ROOT)
    if base is None:
        shown = Shown(problem=changes.no_base(ROOT))
    elif base_build is None:
        shown = Shown(problem=f"nothing to compare: these are the files of {base.name} ({base.commit[:7]}) themselves.")
    else:
        shown = Shown(problem="the change's site was not built (see the errors above): the difference is left out.")

    def compare(site_dir: Path) -> None:
        nonlocal shown
        built = base_build.result()
        compared = (base.name, base.commit[:7])
        if built.site is None:
            shown = Shown(problem=built.problem)
        else:
            shown = Shown(difference.compare(ROOT, built.site, site_dir, base.old_text), compared)

    if not any(message.level == "error" for message in found):  # warnings do not stop the build
        build_errors, manifest_errors = check_build(then=compare if base_build is not None else None)
        found += report.messages("build", build_errors) + report.messages("addresses", manifest_errors)
    found += report.messages("figures", figures_result.messages)
    found += report.messages("spelling", spelling_errors + spelling_warnings)
    found += report.messages("terms", terms.check(ROOT))
    if base is not None:
        found += report.messages("languages", changes.one_language_warnings(ROOT, base))
    return found, figures_result.declared, shown


if __name__ == "__main__":
    sys.exit(main())
