"""The example of a pull request's summary in CONTRIBUTING.md: made, never typed.

    python scripts/change_example.py           # print the example
    python scripts/change_example.py --write   # refresh it in CONTRIBUTING.md

It copies the project as git has it (tracked and untracked files, not what
git ignores) into a temporary folder, makes that a git repository whose
branch `main` is this content, and there makes CHANGE (a date of
data/events.yml) on a branch of its own, as an editor would. Then it does
what `make check` does for a pull request: the base built with its own
code (scripts/editor_checks/base_site.py), the change built, and the two
compared (difference.py). The Latvian part of the summary goes into
CONTRIBUTING.md between <!-- change-example: lv --> and
<!-- /change-example: lv -->, the English part between the `en` markers.
tests/test_change_summary.py fails when the guide shows anything else, so
the example follows the site: after a change of the content, the templates
or the summary, run this with --write.

The copy's commits have a fixed author and the date of this project's last
commit: the same content is the same commit, so its base build is found in
the cache (BASE_SITE_CACHE, or .cache/base-site/ of the copy) instead of
being made again, and no date of the record is later than the commit.
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
sys.path.insert(0, str(ROOT / "hooks"))

from build import build_into, last_commit_time  # noqa: E402
from editor_checks import base_site, change_summary, changes, difference  # noqa: E402

GUIDE = ROOT / "CONTRIBUTING.md"
# The change the example shows: an editor corrects the day of an event.
CHANGE = ("data/events.yml", "  - id: mid-term-workshop\n    date: 2022-04-06\n", "  - id: mid-term-workshop\n    date: 2022-04-07\n")
START, END = "<!-- change-example: {lang} -->", "<!-- /change-example: {lang} -->"
IDENTITY = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
            "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
# What the copy's git leaves alone: its virtual environment (a link to this
# one), caches and builds.
IGNORED = ".venv\n.venv-properdocs\n.cache/\nbuild-output/\nsite/\n.site-*/\n__pycache__/\n"


def git(project: Path, *args: str) -> str:
    # Dated as this project's last commit: the same content gives the same
    # commit, and no date of the record is later than it.
    when = last_commit_time()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | IDENTITY
    env |= {"GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
    result = subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def published_copy(target: Path) -> Path:
    """The project as git has it, in `target`, as a repository whose branch
    main holds it (one commit, always the same for the same content), with
    this project's virtual environment linked in."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # not a tracked file deleted in the working tree
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    with (target / ".gitignore").open("a", encoding="utf-8") as ignore:
        ignore.write(IGNORED)
    for venv in (".venv", ".venv-properdocs"):
        if (ROOT / venv).is_dir():
            (target / venv).symlink_to(ROOT / venv)
    git(target, "init", "--quiet", "--initial-branch=main")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "--message=The published content")
    return target


def make_change(project: Path, branch: str = "editor") -> None:
    """CHANGE, committed on its own branch."""
    path, old, new = CHANGE
    text = (project / path).read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path} no longer contains {old!r}: choose another CHANGE in scripts/change_example.py")
    git(project, "checkout", "--quiet", "-b", branch)
    (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    git(project, "commit", "--quiet", "--all", "--message=A corrected date")


def difference_of(project: Path) -> difference.Difference:
    """What the change of `project` (a branch off main) does to its site, as `make check` finds it."""
    base = changes.find_base(project)
    if base is None:
        raise SystemExit(changes.no_base(project))
    built = base_site.start(project, base.commit, base.name).result()
    if built.site is None:
        raise SystemExit(built.problem)
    with tempfile.TemporaryDirectory(prefix="change-") as out:
        build_into(Path(out), root=project)
        return difference.compare(project, built.site, Path(out), base.old_text)


def example() -> dict[str, str]:
    """Each language's part of the summary of CHANGE."""
    with tempfile.TemporaryDirectory(prefix="change-example-") as folder:
        project = published_copy(Path(folder) / "project")
        make_change(project)
        found = difference_of(project)
    return {section.code: "\n".join(change_summary.language_markdown(found, section)).strip("\n") + "\n"
            for section in found.languages}


def written(guide: str, examples: dict[str, str]) -> str:
    """The guide with each language's example between its markers."""
    for lang, text in examples.items():
        start, end = START.format(lang=lang), END.format(lang=lang)
        pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(end), re.S)
        if not pattern.search(guide):
            raise SystemExit(f"CONTRIBUTING.md has no {start} … {end}: add the two lines where the example belongs")
        guide = pattern.sub(lambda _: f"{start}\n{text}{end}", guide, count=1)
    return guide


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the example into CONTRIBUTING.md")
    args = parser.parse_args()
    examples = example()
    if not args.write:
        for lang, text in examples.items():
            print(f"{START.format(lang=lang)}\n{text}{END.format(lang=lang)}\n")
        return 0
    guide = GUIDE.read_text(encoding="utf-8")
    new = written(guide, examples)
    GUIDE.write_text(new, encoding="utf-8")
    print("CONTRIBUTING.md: the example " + ("is unchanged." if new == guide else "was refreshed."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
