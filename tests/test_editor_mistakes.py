"""Every mistake of the corpus (tests/mistakes/cases.yml) ends in its exact
message, a non-zero exit and an untouched site/.

A mistake in data/ or in a page's source is found without building
anything: those cases run in-process, on a temporary copy of the project,
through the same functions `make check` (scripts/check.py) and the build's
hooks call. Mistakes only a build finds run `make check` in a separate
process each; the editors' checks (figures, spelling, terms) run in-process
as `make check` calls them. One case of each stage, and of the source
registry, the citations and the terms, also runs the commands as an
editor's pull request does, `make check` and (where a build stops at it)
`make build` (scripts/build.py): the exit code, the exact line, no
traceback, and site/ left as it was. Also here: data HTML is shown as text on the page, and the "edit this page"
link of each kind of page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project

import check  # scripts/check.py
from build import last_commit_time  # scripts/build.py
import page_checks  # hooks/page_checks.py
from helpers import published  # hooks/helpers/published.py
from editor_checks import figures, spelling, terms  # scripts/editor_checks/

CASES = yaml.safe_load((Path(__file__).parent / "mistakes" / "cases.yml").read_text(encoding="utf-8"))
IN_PROCESS = [case for case in CASES if case["step"] in ("data", "pages")]
BUILD_CASES = [case for case in CASES if case["step"] == "build"]
EDITOR_STEPS = {"figures": lambda project: figures.check(project).messages,
                "spelling": lambda project: spelling.check(project)[0],
                "terms": terms.check}
EDITOR_CASES = [case for case in CASES if case["step"] in EDITOR_STEPS]
# The cases that run the commands as separate processes: one of each stage,
# and the record's own mistakes (a source id, a citation, a term).
COMMAND_LINE = ["missing-translation-in-data", "missing-translation-of-a-page", "broken-link",
                "unknown-source-in-data", "cite-of-an-unknown-source", "term-to-avoid-in-a-page"]
MARKER = "the last good site\n"


@dataclass
class Run:
    returncode: int
    lines: list[str]
    output: str


@dataclass
class Outcome:
    step: str
    expected: str
    check: Run
    build: Run | None  # None for the editors' checks, which `make build` does not run
    site_files: list[str]
    marker: str
    leftovers: list[str]


def apply(project: Path, edit: dict) -> tuple[Path, int]:
    """Apply one edit; return the changed file and the line its new text starts on."""
    path = project / edit["file"]
    if "write" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit["write"], encoding="utf-8")
        return path, 1
    text = path.read_text(encoding="utf-8")
    if "append" in edit:
        start = len(text)
        text += edit["append"]
        start += len(edit["append"]) - len(edit["append"].lstrip("\n"))
    elif "replace_re" in edit:
        match = re.search(edit["replace_re"], text, re.M)
        assert match, f"{edit['file']} no longer matches {edit['replace_re']!r}: update tests/mistakes/cases.yml"
        start = match.start()
        text = text[: match.start()] + edit["with"] + text[match.end():]
    else:
        assert edit["replace"] in text, f"{edit['file']} no longer contains {edit['replace']!r}: update tests/mistakes/cases.yml"
        start = text.index(edit["replace"])
        text = text.replace(edit["replace"], edit["with"], 1)
    path.write_text(text, encoding="utf-8")
    return path, text.count("\n", 0, start) + 1


def expected_message(template: str, path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(match: re.Match) -> str:
        text = match.group(1)
        found = next((n for n, content in enumerate(lines, 1) if text in content), None)
        assert found, f"{path.name} has no line containing {text!r}"
        return str(found)

    return re.sub(r"\{line@([^}]+)\}", line_of, template).replace("{line}", str(line))


def run(project: Path, script: str, *args: str, epoch: str = "0") -> Run:
    """A script of the copy, as `make` runs it; `epoch`: SOURCE_DATE_EPOCH
    (0: outside git, no date compared with it)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    output = result.stderr + result.stdout
    return Run(result.returncode, [line.strip() for line in output.splitlines()], output)


def prepare(case: dict, base: Path) -> tuple[Path, str]:
    """A copy of the project with the case's edits; the message it must cause."""
    project = copy_project(base / case["name"])
    for edit in case["edits"]:
        path, line = apply(project, edit)
    return project, expected_message(case["expect"], path, line)


def with_last_good_site(project: Path) -> Path:
    """site/ as the last good build left it: a marker file."""
    site = project / "site"
    site.mkdir()
    (site / "marker.txt").write_text(MARKER, encoding="utf-8")
    return site


def assert_untouched(site: Path) -> None:
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["marker.txt"], "site/ was changed"
    assert (site / "marker.txt").read_text(encoding="utf-8") == MARKER


def run_both_commands(case: dict, base: Path) -> Outcome:
    project, expected = prepare(case, base)
    site = with_last_good_site(project)
    check_run = run(project, "check.py")
    build_run = None if case["step"] in EDITOR_STEPS else run(project, "build.py")
    return Outcome(
        step=case["step"],
        expected=expected,
        check=check_run,
        build=build_run,
        site_files=sorted(p.relative_to(site).as_posix() for p in site.rglob("*")),
        marker=(site / "marker.txt").read_text(encoding="utf-8"),
        leftovers=sorted(p.name for p in project.iterdir() if p.name.startswith(".site")),
    )


def test_the_corpus_is_complete() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) >= 25 and len(set(names)) == len(names)
    assert set(COMMAND_LINE) <= set(names)
    steps = {case["step"] for case in CASES}
    assert steps == {"data", "pages", "build", *EDITOR_STEPS}
    assert {"data", "pages", "build", "terms"} <= {case["step"] for case in CASES if case["name"] in COMMAND_LINE}


@pytest.mark.parametrize("case", IN_PROCESS, ids=[case["name"] for case in IN_PROCESS])
def test_data_or_page_mistake_is_named_without_building(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `make check` prints before it builds, and what the build's
    hooks (hooks/data.py, hooks/page_checks.py) stop with or warn about."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", case.get("epoch", "0"))
    project, expected = prepare(case, tmp_path)
    site = with_last_good_site(project)
    messages = check.check_data(project) + check.check_pages(project)
    assert expected in messages, "\n".join(messages)
    assert_untouched(site)


@pytest.mark.parametrize("case", EDITOR_CASES, ids=[case["name"] for case in EDITOR_CASES])
def test_figure_spelling_or_term_mistake_is_named(case: dict, tmp_path: Path) -> None:
    """What `make check` prints for it (tests/test_editor_checks.py runs the
    command itself, as the pull-request workflow does)."""
    project, expected = prepare(case, tmp_path)
    site = with_last_good_site(project)
    messages = EDITOR_STEPS[case["step"]](project)
    assert expected in messages, "\n".join(messages)
    assert_untouched(site)


@pytest.fixture(scope="session")
def build_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Run]]:
    base = tmp_path_factory.mktemp("build-mistakes")

    def check_case(case: dict) -> tuple[str, Run]:
        project, expected = prepare(case, base)
        return expected, run(project, "check.py")

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip([case["name"] for case in BUILD_CASES], pool.map(check_case, BUILD_CASES)))


@pytest.mark.parametrize("case", BUILD_CASES, ids=[case["name"] for case in BUILD_CASES])
def test_build_mistake_is_named_by_make_check(case: dict, build_outcomes: dict[str, tuple[str, Run]]) -> None:
    expected, result = build_outcomes[case["name"]]
    assert result.returncode != 0, f"make check passed despite the mistake:\n{result.output}"
    assert expected in result.lines, f"make check did not print\n  {expected}\nbut:\n{result.output}"
    assert "Traceback" not in result.output, f"make check printed a traceback:\n{result.output}"


@pytest.fixture(scope="session")
def command_line_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("command-line")
    cases = {case["name"]: case for case in CASES}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(run_both_commands, cases[name], base) for name in COMMAND_LINE}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", COMMAND_LINE)
def test_both_commands_fail_with_the_message_and_publish_nothing(name: str, command_line_outcomes: dict[str, Outcome]) -> None:
    outcome = command_line_outcomes[name]
    for command, result in (("make check", outcome.check), ("make build", outcome.build)):
        if result is None:
            continue
        assert result.returncode != 0, f"{command} passed despite the mistake:\n{result.output}"
        assert outcome.expected in result.lines, f"{command} did not print\n  {outcome.expected}\nbut:\n{result.output}"
        assert "Traceback" not in result.output, f"{command} printed a traceback:\n{result.output}"
    if outcome.step in ("data", "pages"):  # caught before MkDocs starts: no build noise around the line
        assert not any("Aborted" in line or line.startswith(("INFO", "WARNING", "ERROR")) for line in outcome.check.lines), outcome.check.output
    assert outcome.site_files == ["marker.txt"] and outcome.marker == MARKER, "site/ was changed by a failed build"
    assert outcome.leftovers == [], "a failed build left its temporary folder behind"


def test_nothing_an_editor_adds_is_left_unused_by_either_command(tmp_path: Path) -> None:
    """A file of data/ nothing reads, a document file no document lists: both
    commands stop with the line; an image no page uses, a source nothing
    cites: both commands warn and go on; outside git, both say the dates
    were not compared with the commit."""
    cases = {case["name"]: case for case in CASES}
    names = ("file-in-data-nothing-reads", "document-file-no-document-lists", "image-no-page-uses", "source-nothing-cites")
    project = copy_project(tmp_path / "project")
    expected = {}
    for name in names:
        for edit in cases[name]["edits"]:
            path, line = apply(project, edit)
        expected[name] = expected_message(cases[name]["expect"], path, line)
    errors = [expected[name] for name in names[:2]]
    warnings = [expected[name] for name in names[2:]]
    for script in ("check.py", "build.py"):
        result = run(project, script)
        assert result.returncode != 0, result.output
        assert [line for line in errors if line not in result.lines] == [], result.output
        assert "Traceback" not in result.output
    for name in names[:2]:
        for edit in cases[name]["edits"]:
            (project / edit["file"]).unlink()
    # The image is published all the same: its address is a new one.
    assert run(project, "address_manifest.py", "--write").returncode == 0
    for script in ("check.py", "build.py"):
        result = run(project, script)
        assert result.returncode == 0, result.output
        assert [line for line in warnings if line not in result.lines] == [], result.output
        assert sum(line.startswith("data/: note: no date was compared with the commit") for line in result.lines) == 1, result.output


def test_every_message_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    where = re.compile(r"^(data|docs)/[\w/.-]+(\.(yml|md|txt)(:\d+){1,2}|\.[A-Za-z]+): \S")  # a whole binary file: no line
    for case in CASES:
        _, expected = prepare(case, tmp_path)
        assert where.match(expected), (case["name"], expected)


def test_one_run_reports_every_mistake(tmp_path: Path) -> None:
    """Mistakes in several data files and pages: all of them in one run."""
    project = copy_project(tmp_path / "project")
    cases = {case["name"]: case for case in CASES}
    expected = []
    for name in ("bad-url", "impossible-date", "unknown-key-typo", "missing-translation-of-a-page", "missing-description"):
        for edit in cases[name]["edits"]:
            path, line = apply(project, edit)
        expected.append(expected_message(cases[name]["expect"], path, line))
    messages = check.check_data(project) + page_checks.check_sources(project, published.languages_of(ROOT))
    for message in expected:
        assert message in messages, (message, messages)


def test_html_typed_into_data_is_shown_as_text(tmp_path: Path) -> None:
    """Defence in depth behind the data rule that rejects tags: even if a tag
    got into a data field, every template prints it as text. The rule is
    switched off in the build process to prove it."""
    project = copy_project(tmp_path / "project")
    title = 'Study <b>visits</b> <script>alert("title")</script> & "more"'
    summary = 'Visits <script>alert("summary")</script> "to" <i>Norway</i>'
    path = project / "data" / "activities.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      en: Study visits\n", f"      en: {json.dumps(title)}\n", 1)
    text = text.replace(
        "      en: Study visits to Norway, Poland and Finland on good governance and inter-municipal cooperation.\n",
        f"      en: {json.dumps(summary)}\n", 1,
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build = (
        "import sys; sys.path.insert(0, 'hooks'); from helpers import schema; del schema.TEXT['not'];"
        "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict', '--quiet', '--site-dir', sys.argv[1]]; cli()"
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run([sys.executable, "-c", build, str(out)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # The activity's own page, the list of activities, the results page and
    # its partner's page (LLPA: the partner its source names) show the title.
    for page in ("en/activities/study-visits/index.html", "en/activities/index.html", "en/results/index.html", "en/partners/llpa/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], page
        assert not [b for b in soup.find_all(["b", "i"]) if b.get_text() in ("visits", "Norway")], page
        assert title in soup.get_text(), page
    soup = BeautifulSoup((out / "en/activities/study-visits/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
    assert soup.find("meta", attrs={"name": "description"})["content"] == summary
    assert summary in soup.select_one("p.lead").get_text()


@pytest.mark.parametrize(
    "address,source",
    [
        ("about/", "docs/lv/about.md"),
        ("en/about/", "docs/en/about.md"),
        ("activities/", "docs/lv/activities/index.md"),
        ("en/activities/", "docs/en/activities/index.md"),
        ("activities/study-visits/", "data/activities.yml"),
        ("en/partners/ks/", "data/partners.yml"),
    ],
)
def test_edit_link_opens_the_source_of_the_page(site: Path, address: str, source: str) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    soup = BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
    edit = soup.select_one("a[rel=edit]")
    assert edit is not None, address
    # edit_uri ends in docs/: a source's path below the repository replaces it.
    assert edit["href"] == f"{config['repo_url']}/{config['edit_uri'].removesuffix('docs/')}{source}"
    assert (ROOT / source).is_file()


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml uses !ENV [NAME, default]: read the default."""


_IgnoreTags.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def guide_examples() -> dict[str, str]:
    """The YAML blocks of CONTRIBUTING.md marked <!-- guide-example: FILE -->,
    by file; the Latvian and English sections must show the same one."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    for match in re.finditer(r"<!-- guide-example: (\S+) -->\s*```yaml\n(.*?)```", guide, re.S):
        block = re.sub(r"^   ", "", match.group(2), flags=re.M)  # the list item's indent
        found.setdefault(match.group(1), set()).add(block)
    assert found, "CONTRIBUTING.md has no marked examples"
    for file, blocks in found.items():
        assert len(blocks) == 1, f"the two languages of CONTRIBUTING.md show different examples for {file}"
    return {file: blocks.pop() for file, blocks in found.items()}


def test_the_guide_adds_an_activity_that_appears_in_both_languages(tmp_path: Path) -> None:
    """Following CONTRIBUTING.md's "add an activity" to the letter gives a
    passing build with the activity's page in both languages."""
    project = copy_project(tmp_path / "project")
    for file, block in guide_examples().items():
        with (project / file).open("a", encoding="utf-8") as data_file:
            data_file.write(block)
    # The guide's step 4: list the new page's addresses. Built as of this
    # commit: the guide's made-up dates are not later than it.
    epoch = last_commit_time()
    assert run(project, "address_manifest.py", "--write", epoch=epoch).returncode == 0
    checked = run(project, "check.py", epoch=epoch)
    assert checked.returncode == 0, checked.output
    build = run(project, "build.py", epoch=epoch)
    assert build.returncode == 0, build.output
    example = yaml.safe_load(guide_examples()["data/activities.yml"])[0]
    for prefix, lang in (("", "lv"), ("en/", "en")):
        page = project / "site" / prefix / "activities" / example["id"] / "index.html"
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1.get_text() == example["title"][lang]


def test_pre_commit_runs_make_check_without_downloading_hooks() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert [(hook["entry"], hook["language"]) for hook in hooks] == [("make check", "system")]


# What the error tables of CONTRIBUTING.md must explain, beyond the corpus:
# the lines of `make check` that are no mistake of a file (scripts/check.py,
# scripts/editor_checks/base_site.py and changes.py, hooks/helpers/schema.py).
NOTES = [
    "data/: note: no date was compared with the commit being built: SOURCE_DATE_EPOCH is unset or 0 (outside git), so a date "
    "later than the commit is not found.",
    "What the change does to the site: the base origin/main (1a2b3c4) could not be built (data/events.yml:47:11: …): the difference is left out.",
    "What the change does to the site: the base main (1a2b3c4) locks other package versions (requirements.lock differs from this "
    "change's): its dependencies are not installed here, so it was not built and the difference is left out.",
    "What the change does to the site: not compared with main: this clone is shallow and lacks the commit where the change left it "
    "(fetch the whole history: git fetch --unshallow, or fetch-depth: 0 in the workflow).",
    "3 problem(s): the site was not built. Fix them and run `make check` again (CONTRIBUTING.md explains every message).",
]


def error_tables() -> dict[str, list[list[str]]]:
    """The code spans of the first cell of each row of the guide's two
    tables of messages, by section."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    tables = {}
    for heading in ("### Ko nozīmē kļūdu paziņojumi", "### What the error messages mean"):
        section = guide.split(heading, 1)[1].split("\n### ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        tables[heading] = [re.findall(r"`([^`]+)`", row.split(" | ")[0]) for row in rows]
    return tables


def _explains(spans: list[str], message: str) -> bool:
    return any(all(part.strip() in message for part in span.split("…") if part.strip()) for span in spans)


def test_every_message_is_in_the_error_table_of_both_languages() -> None:
    """Each message of the corpus, and each note `make check` can print,
    has a row in the Latvian and the English table of CONTRIBUTING.md."""
    messages = [case["expect"] for case in CASES] + NOTES
    for heading, rows in error_tables().items():
        assert len(rows) >= 40, heading
        missing = [message for message in messages if not any(_explains(spans, message) for spans in rows)]
        assert missing == [], f"CONTRIBUTING.md, {heading}: no row explains\n" + "\n".join(missing)
