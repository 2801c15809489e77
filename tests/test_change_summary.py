"""What a change does to the published site, shown before it is merged
(scripts/editor_checks/: base_site.py, page_text.py, word_diff.py,
difference.py, change_summary.py; run by scripts/check.py).

In-process, on small sites written here: what counts as a reader's text,
word-by-word passages, the whole-record page as one line, a navigation
change once, escaping and the summary's bounds. With real builds, in git
clones of the project whose main branch is the real content: a change of
the data and of a page shows the exact before and after of every page it
affects, in both languages; a base that cannot be built is one line; the
guide's example is what scripts/change_example.py makes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, editor_clone

from editor_checks import base_site, change_summary, changes, difference, page_text, word_diff  # scripts/editor_checks/

SITE = "https://lps-lv.github.io/pasvaldibu-sadarbiba/"


# --- a reader's text ---------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><title>About – Site</title>
<meta name="description" content="What the  project did.">
<script>var x = "not text";</script><style>p { color: red }</style></head>
<body><header><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>
<main><article class="md-content__inner">
<a href="edit" title="Edit this page"><svg><path d="M1"/></svg></a>
<h1 id="about">About the project</h1>
<p>The project ran <em>from</em> 2021<sup class="cite"><a href="#source-1">[1]</a></sup> to 2024.</p>
<h2 id="budget">Budget</h2>
<ul><li>Grant: EUR 1,000</li><li>Co-financing:<br>EUR 200</li></ul>
<p class="edition" data-volatile>Edition of 6 May 2025, commit 1a2b3c4</p>
</article></main>
<footer><a href="/next/">Next: Results</a></footer></body></html>"""


def test_a_page_is_read_as_a_reader_reads_it() -> None:
    page = page_text.read(PAGE)
    assert page.title == "About the project"
    assert page.description == "What the project did."
    assert page.content == ["About the project", "The project ran from 2021 to 2024.", "Budget", "Grant: EUR 1,000", "Co-financing: EUR 200"]
    assert page.sections == ["", "", "", "Budget", "Budget"]
    assert page.frame == ["Home About", "Next: Results"]
    assert page.redirect is None


def test_a_redirect_page_names_its_target() -> None:
    page = page_text.read('<html><head><link rel="canonical" href="https://x.org/new/">'
                          '<meta http-equiv="refresh" content="0; url=../new/"></head>'
                          '<body><main><h1>Moved</h1><p>Go to <a href="../new/">x</a></p></main></body></html>')
    assert page.redirect == "https://x.org/new/"
    assert page.content == ["Moved", "Go to x"]


def _plain(passages: list[word_diff.Passage]) -> list[str]:
    return [change_summary.passage_plain(p) for p in passages]


def test_changes_are_marked_word_by_word_with_a_little_context() -> None:
    before = ["The workshop took place on 6 April 2022 in Riga, where the partners met.", "Unchanged."]
    after = ["The workshop took place on 7 April 2022 in Riga, where the partners met.", "Unchanged."]
    assert _plain(word_diff.passages(before, after)) == ["The workshop took place on [-6-] {+7+} April 2022 in Riga, where the …"]
    # A word is what spaces separate: "2022," and "2022" differ as words.
    assert _plain(word_diff.passages(["Until 2022, then"], ["Until 2023, then"])) == ["Until [-2022,-] {+2023,+} then"]
    # Two changes far apart in one paragraph: two passages.
    words = " ".join(f"w{n}" for n in range(40))
    assert _plain(word_diff.passages([f"a {words} b"], [f"A {words} B"])) == [
        "[-a-] {+A+} w0 w1 w2 w3 w4 w5 …", "… w34 w35 w36 w37 w38 w39 [-b-] {+B+}"]
    # A paragraph added or removed whole.
    assert _plain(word_diff.passages(["One."], ["One.", "Two new."])) == ["{+Two new.+}"]
    assert _plain(word_diff.passages(["One.", "Gone."], ["One."])) == ["[-Gone.-]"]
    # The same words in other blocks: nothing a reader reads changed.
    assert word_diff.passages(["One two.", "Three."], ["One two. Three."]) == []


# --- sites written here --------------------------------------------------------------------


def _page(title: str, body: str, nav: str = "Home About Results", volatile: str = "") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav>{nav}</nav>"
            f"<main><article><h1>{title}</h1>{body}{volatile}</article></main><footer>Funded by the EEA</footer></body></html>")


def _site(folder: Path, pages: dict[str, str], files: dict[str, bytes] | None = None) -> Path:
    for address, html in pages.items():
        path = folder / (address if address.endswith(".html") else address + "index.html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    for address, content in (files or {}).items():
        (folder / address).parent.mkdir(parents=True, exist_ok=True)
        (folder / address).write_bytes(content)
    return folder


def _compare(tmp_path: Path, before: dict, after: dict, files_before=None, files_after=None) -> difference.Difference:
    return difference.compare(ROOT, _site(tmp_path / "before", before, files_before), _site(tmp_path / "after", after, files_after))


def test_the_whole_record_is_one_line_and_its_edition_is_no_change(tmp_path: Path) -> None:
    edition = '<p data-volatile>Edition of {}, commit {}</p>'
    record = "<h2>About</h2><p>The project ran from 2021 to {}.</p>"
    documents = '<p>The whole record as PDF (<span data-volatile>{} kB</span>)</p>'
    before = {"about/": _page("About", "<p>The project ran from 2021 to 2024.</p>"),
              "record/": _page("Whole record", record.format(2024), volatile=edition.format("1 May", "aaaaaaa")),
              "documents/": _page("Documents", documents.format(812)),
              "en/record/": _page("Whole record", record.format(2024), volatile=edition.format("1 May", "aaaaaaa"))}
    # A new build of the same content: only the edition, the PDF and its size differ.
    rebuilt = {**before, "record/": _page("Whole record", record.format(2024), volatile=edition.format("6 May", "bbbbbbb")),
               "documents/": _page("Documents", documents.format(815)),
               "en/record/": _page("Whole record", record.format(2024), volatile=edition.format("6 May", "bbbbbbb"))}
    same = _compare(tmp_path / "rebuilt", before, rebuilt, {"record/record.pdf": b"%PDF-1 one"}, {"record/record.pdf": b"%PDF-1 two!"})
    assert same.empty
    # A change of a page: that page, and one line for the whole record.
    changed = {**rebuilt, "about/": _page("About", "<p>The project ran from 2021 to 2025.</p>"),
               "record/": _page("Whole record", record.format(2025), volatile=edition.format("6 May", "bbbbbbb"))}
    found = _compare(tmp_path / "changed", before, changed)
    latvian, english = found.languages
    assert [(page.address, _plain(page.passages)) for page in latvian.pages] == [("about/", ["The project ran from 2021 to [-2024.-] {+2025.+}"])]
    assert latvian.whole_record == "record/" and english.whole_record is None and english.empty
    summary = change_summary.markdown(found, ("main", "aaaaaaa"))
    assert summary.count(f'{SITE}record/"') == 1 and "<details><summary><b>Whole record" not in summary
    assert f'Arī visa arhīva lapā: <a href="{SITE}record/">/record/</a>.' in summary


def test_a_change_of_every_pages_navigation_is_one_line(tmp_path: Path) -> None:
    names = [f"page-{n}/" for n in range(30)]
    before = {name: _page(f"Page {n}", f"<p>Text {n}.</p>") for n, name in enumerate(names)}
    after = {name: _page(f"Page {n}", f"<p>Text {n}.</p>", nav="Home About Results registered") for n, name in enumerate(names)}
    found = _compare(tmp_path, before, after)
    latvian = found.languages[0]
    assert latvian.pages == []
    assert [(change.pages, change.of, change_summary.passage_plain(change.passage)) for change in latvian.frame] == [
        (30, 30, "Home About Results {+registered+}")]
    summary = change_summary.markdown(found, ("main", "aaaaaaa"))
    assert "- visās lapās (30): Home About Results **registered**" in summary
    assert summary.count("registered") == 1


def test_new_removed_and_redirected_addresses_and_feed_entries(tmp_path: Path) -> None:
    redirect = ('<html><head><link rel="canonical" href="{}partners/">'
                '<meta http-equiv="refresh" content="0; url=../partners/"></head><body><main><h1>Moved</h1></main></body></html>')
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom">{}</feed>')
    entry = '<entry><id>tag:x,2021:{0}</id><title>{1}</title><link href="{2}timeline/#{0}"/><updated>{3}</updated><summary>{4}</summary></entry>'
    before = {"about/": _page("About", "<p>x</p>"), "networks/": _page("Networks", "<p>y</p>"), "partners/": _page("Partners", "<p>z</p>")}
    after = {"about/": _page("About", "<p>x</p>"), "networks/": redirect.format(SITE), "partners/": _page("Partners", "<p>z</p>"),
             "results/": _page("Results", "<p>new</p>")}
    files_before = {"feed.xml": feed.format(entry.format("a", "Launch", SITE, "2021-07-26T12:00:00Z", "The project starts.")).encode()}
    files_after = {"feed.xml": feed.format(entry.format("a", "Launch", SITE, "2021-07-27T12:00:00Z", "The project begins.")
                                           + entry.format("b", "End", SITE, "2024-04-20T12:00:00Z", "It ends.")).encode()}
    found = _compare(tmp_path, before, after, files_before, files_after)
    latvian = found.languages[0]
    assert latvian.new == [("results/", "Results")]
    assert latvian.redirected == [("networks/", "partners/")]
    assert [(entry.state, entry.title, _plain(entry.passages)) for entry in latvian.feed] == [
        ("added", "End", []), ("changed", "Launch", ["The project [-starts.-] {+begins.+}"])]
    summary = change_summary.markdown(found, ("main", "aaaaaaa"))
    assert f'- <a href="{SITE}networks/">/networks/</a> → <a href="{SITE}partners/">/partners/</a>' in summary
    assert f'- pievienots: <a href="{SITE}timeline/#b">End</a>' in summary


def _page_change(n: int, words: int) -> difference.PageChange:
    text = " ".join(f"vārds{k}" for k in range(words))
    new = " ".join(f"jauns{k}" for k in range(words // 4))
    passages = word_diff.passages([f"Sākums {n}. {text} beigas."], [f"Sākums {n + 1}. {text} {new} beigas <script>*|[x](y)"])
    return difference.PageChange(f"lapa-{n}/", f"Lapa <{n}> *{n}*", passages * 12)


def test_the_summary_escapes_what_it_quotes() -> None:
    found = difference.Difference(difference.site_model(ROOT), [difference.Language("lv", pages=[_page_change(1, 3)]), difference.Language("en")])
    summary = change_summary.markdown(found, ("main", "aaaaaaa"))
    assert "<script>" not in summary and "<1>" not in summary
    assert "<b>Lapa &lt;1&gt; *1*</b>" in summary  # HTML: shown as typed
    assert "~~beigas.~~ **beigas &lt;script&gt;\\*\\|\\[x\\](y)**" in summary  # Markdown: shown as typed
    assert "Vēl izmaiņu vietas šajā lapā: 2." in summary  # 12 passages, 10 shown
    assert "#### English\n\nNeviena" not in summary and "No text a reader sees has changed." in summary


def test_the_job_summary_stays_below_githubs_limit_with_thousands_of_messages() -> None:
    from editor_checks import report

    found = report.messages("spelling", [f'docs/lv/about.md:{n}:1: "vards{n}" is not in the Latvian dictionary: correct it, '
                                         "or, if it is spelt right (a name or a term), add it to data/spelling/lv.txt." for n in range(5000)])
    pages = [_page_change(n, 200) for n in range(300)]
    found_pages = difference.Difference(difference.site_model(ROOT), [difference.Language("lv", pages=pages), difference.Language("en", pages=pages)])
    summary = report.summary(found, change_summary.markdown(found_pages, ("main", "aaaaaaa")), [])
    assert len(summary.encode("utf-8")) < 900_000
    more = re.search(r"Vēl paziņojumi: (\d+); visi ir pārbaudes izvadē · \1 more messages", summary)
    assert more and summary.count("| kļūda · error |") + int(more.group(1)) == 5000
    assert "### Ko izmaiņas dara vietnē" in summary  # after the messages, still there


def test_the_summary_of_a_change_to_hundreds_of_pages_stays_readable_and_bounded() -> None:
    pages = [_page_change(n, 200) for n in range(300)]
    found = difference.Difference(difference.site_model(ROOT), [difference.Language("lv", pages=pages), difference.Language("en", pages=pages)])
    summary = change_summary.markdown(found, ("main", "aaaaaaa"))
    size = len(summary.encode("utf-8"))
    assert change_summary.BUDGET < size < change_summary.BUDGET + 100_000 < 1024 * 1024
    latvian = summary.split("#### Latviski", 1)[1].split("#### English")[0]
    assert latvian.lstrip().startswith("**Mainītās lapas: 300**")  # the count first
    assert "<details open>" not in summary  # many pages: each one folded
    assert "izlaisti vārdi: " in summary  # long passages are cut, with a count
    assert "Pārējās mainītās lapas (bez izmaiņu vietām" in summary  # past the budget: named only
    assert summary.count("<details>") + summary.count("- <b>Lapa") == 600  # every page is there, once
    terminal = change_summary.terminal(found, ("main", "aaaaaaa"), None, "build-output/changes.md")
    assert len(terminal) <= 2 * change_summary.TERMINAL_PAGES + 5
    assert "  lv … and 296 more changed page(s)" in terminal


# --- a base that cannot be built -------------------------------------------------------


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                          cwd=project, check=True, capture_output=True, text=True).stdout


def test_a_base_with_other_locked_packages_is_not_built(published_repository: Path, tmp_path: Path) -> None:
    project = editor_clone(published_repository, tmp_path / "project")
    with (project / "requirements.lock").open("a", encoding="utf-8") as lock:
        lock.write("# a package more\n")
    base = changes.find_base(project)
    built = base_site.Build(project, base.commit, base.name)  # not started: asked why it cannot build
    assert built._cannot_build() == (
        f"the base main ({base.commit[:7]}) locks other package versions (requirements.lock differs from this change's): "
        "its dependencies are not installed here, so it was not built and the difference is left out.")


def test_a_shallow_clone_says_it_lacks_the_base(published_repository: Path, tmp_path: Path) -> None:
    project = editor_clone(published_repository, tmp_path / "upstream")
    (project / "data/events.yml").write_text((project / "data/events.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(project, "commit", "-qam", "One more commit")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth=1", "--branch=editor", f"file://{project}", str(shallow)], check=True)
    subprocess.run(["git", "fetch", "--quiet", "--depth=1", "origin", "main:main"], cwd=shallow, check=True)
    assert changes.find_base(shallow) is None
    assert changes.no_base(shallow) == (
        "not compared with main: this clone is shallow and lacks the commit where the change left it "
        "(fetch the whole history: git fetch --unshallow, or fetch-depth: 0 in the workflow).")
    assert changes.no_base(tmp_path) == "not compared with the main branch: this folder is not a git repository."


def _check(project: Path, summary: Path | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    if cache is not None:
        env["BASE_SITE_CACHE"] = str(cache)
    if summary is not None:  # as the check job runs it (its env: .github/workflows/test.yml)
        env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_BASE_REF="main",
                   REPO_URL="https://github.com/lps-lv/pasvaldibu-sadarbiba", EDIT_URI="edit/main/docs/")
    return subprocess.run([sys.executable, "scripts/check.py"], cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_a_broken_main_is_one_line_and_the_change_is_checked(published_repository: Path, tmp_path: Path) -> None:
    upstream = editor_clone(published_repository, tmp_path / "upstream", branch="broken")
    events = upstream / "data/events.yml"
    events.write_text(events.read_text(encoding="utf-8").replace("    date: 2022-04-06\n", "    date: 2022-04-31\n", 1), encoding="utf-8")
    _git(upstream, "commit", "-qam", "A date that does not exist")
    _git(upstream, "checkout", "-q", "-B", "main")
    project = tmp_path / "project"
    _git(tmp_path, "clone", "-q", str(upstream), str(project))
    (project / ".venv").symlink_to(ROOT / ".venv")
    _git(project, "checkout", "-q", "-b", "fix")
    (project / "data/events.yml").write_text(events.read_text(encoding="utf-8").replace("2022-04-31", "2022-04-06"), encoding="utf-8")
    _git(project, "commit", "-qam", "The date corrected")
    commit = _git(project, "rev-parse", "--short=7", "main").strip()
    summary = tmp_path / "summary.md"
    result = _check(project, summary)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    line = (f'the base origin/main ({commit}) could not be built (data/events.yml:47:11: event "mid-term-workshop": date is "2022-04-31", '
            "which is not a real date: write a date that exists, as YYYY-MM-DD.): the difference is left out.")
    assert f"What the change does to the site: {line}" in result.stdout.splitlines()  # on GitHub: the base branch as fetched
    text = summary.read_text(encoding="utf-8")
    assert f"### Ko izmaiņas dara vietnē · What the change does to the site\n\nT{change_summary.escape(line[1:])}\n" in text


def test_on_main_itself_nothing_is_built_twice(published_repository: Path, tmp_path: Path) -> None:
    project = editor_clone(published_repository, tmp_path / "project")
    cache = tmp_path / "cache"
    result = _check(project, cache=cache)
    assert result.returncode == 0, result.stderr
    commit = _git(project, "rev-parse", "--short=7", "HEAD").strip()
    assert f"What the change does to the site: nothing to compare: these are the files of main ({commit}) themselves." in result.stdout.splitlines()
    assert not cache.exists()  # no base was built


def test_a_change_no_reader_sees_shows_no_difference(published_repository: Path, tmp_path: Path) -> None:
    """A new commit of the same content: what changes with every build (the
    commit and the date of the edition, the PDF edition and its size, the
    sitemap's dates) is no change, and so nothing is listed."""
    project = editor_clone(published_repository, tmp_path / "project")
    with (project / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\nA line no reader of the site sees.\n")
    _git(project, "commit", "-qam", "README only")
    summary = tmp_path / "summary.md"
    result = _check(project, summary)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    part = text[text.index("#### Latviski"):]
    assert part == "#### Latviski\n\nNeviena lasītājam redzama teksta izmaiņa.\n\n#### English\n\nNo text a reader sees has changed.\n"
    assert "  no text a reader sees has changed" in _check(project).stdout.splitlines()


# --- the real site ---------------------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def changed_project(published_repository: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """An editor's branch that corrects the day of an event (data) and a
    sentence of the contact page (both languages); `make check` run on
    GitHub (its summary) and in a terminal."""
    project = editor_clone(published_repository, tmp_path_factory.mktemp("change") / "project")
    _replace(project / "data/events.yml", "  - id: mid-term-workshop\n    date: 2022-04-06\n", "  - id: mid-term-workshop\n    date: 2022-04-07\n")
    _replace(project / "docs/lv/contact.md", "Partneru aktuālā kontaktinformācija", "Partneru pašreizējā kontaktinformācija")
    _replace(project / "docs/en/contact.md", "The partners' current contact details", "The partners' up-to-date contact details")
    _git(project, "commit", "-qam", "A corrected date and a reworded sentence")
    summary = project.parent / "summary.md"
    on_github = _check(project, summary)
    assert on_github.returncode == 0, on_github.stderr
    in_terminal = _check(project)
    assert in_terminal.returncode == 0, in_terminal.stderr
    return project, summary.read_text(encoding="utf-8"), in_terminal.stdout


def _event_title(lang: str) -> str:
    events = yaml.safe_load((ROOT / "data/events.yml").read_text(encoding="utf-8"))["events"]
    return next(event for event in events if event["id"] == "mid-term-workshop")["title"][lang]


def _details(summary: str, address: str) -> list[str]:
    """The passages of one page's block in the summary."""
    match = re.search(rf'<details(?: open)?><summary><b>[^<]*</b> · <a href="{re.escape(SITE + address)}">.*?</summary>\n\n(.*?)\n\n</details>',
                      summary, re.S)
    assert match, f"no block for /{address} in the summary"
    return match.group(1).splitlines()


def test_the_summary_shows_the_before_and_after_of_every_page_a_change_affects(changed_project) -> None:
    _, summary, _ = changed_project
    lv, en = _event_title("lv"), _event_title("en")
    day_lv, day_en = "2022. gada ~~6.~~ **7.** aprīlī", "~~6~~ **7** April 2022"
    expected = {
        "": [f"- *Galvenie notikumi:* {day_lv} {lv}"],
        "about/": [f"- *Galvenie notikumi:* 2022. gada ~~6.~~ **7.** aprīlis: {lv}"],
        "contact/": ["- Partneru ~~aktuālā~~ **pašreizējā** kontaktinformācija ir publicēta to tīmekļvietnēs."],
        "en/contact/": ["- The partners' ~~current~~ **up-to-date** contact details are published on their …"],
        "results/": [f"- *2. Pieci pašvaldību sadarbības tīkli un prakses analīze:* {day_lv}: {lv}",
                     f"- *3. Piecas pilotaktivitātes:* {day_lv}: {lv}"],
        "timeline/": [f"- *{lv}:* {day_lv}"],
        "activities/cooperation-analysis/": [f"- *Notikumi:* {day_lv}: {lv}"],
        "activities/good-governance/": [f"- *Notikumi:* {day_lv}: {lv}"],
        "activities/pilot-actions/": [f"- *Notikumi:* {day_lv}: {lv}"],
        "en/": [f"- *Milestones:* {day_en} {en}"],
        "en/about/": [f"- *Milestones:* {day_en}: {en}"],
        "en/results/": [f"- *2. Five networks of local governments and an analysis of their practice:* {day_en}: {en}",
                        f"- *3. Five pilot actions:* {day_en}: {en}"],
        "en/timeline/": [f"- *{en}:* {day_en}"],
        "en/activities/cooperation-analysis/": [f"- *Events:* {day_en}: {en}"],
        "en/activities/good-governance/": [f"- *Events:* {day_en}: {en}"],
        "en/activities/pilot-actions/": [f"- *Events:* {day_en}: {en}"],
    }
    found = {address: _details(summary, address) for address in expected}
    assert found == expected
    assert summary.count("<details") == len(expected)  # no other page
    latvian, english = summary.split("#### Latviski\n\n", 1)[1].split("#### English\n\n")
    assert latvian.startswith("**Mainītās lapas: 8; Plūsmas ieraksti: 1**\n")
    assert english.startswith("**Changed pages: 8; Feed entries: 1**\n")
    assert (f'- mainīts: <a href="{SITE}timeline/#mid-term-workshop">{lv}</a> — {day_lv} Projekta partneri un komanda pārrunāja …'
            in latvian)
    # The whole record shows the same change: one line, never its pages again.
    assert f'Arī visa arhīva lapā: <a href="{SITE}record/">/record/</a>.' in latvian
    assert f'Also in the whole record: <a href="{SITE}en/record/">/en/record/</a>.' in english
    # After the messages, before nothing else of this change.
    assert summary.index("## Satura pārbaude") < summary.index("### Ko izmaiņas dara vietnē")


def test_make_check_in_a_terminal_prints_a_short_form_and_writes_the_whole(changed_project) -> None:
    project, summary, stdout = changed_project
    written = (project / "build-output/changes.md").read_text(encoding="utf-8")
    # The same, but for the base's name: on GitHub, the pull request's base branch as fetched.
    assert written == summary[summary.index("### Ko izmaiņas dara vietnē"):].replace("`origin/main`", "`main`")
    lines = stdout.splitlines()
    assert lines[0].startswith("What the change does to the site, compared with main (")
    assert lines[1:12] == [
        f"  lv / \"Latvijas pašvaldību sadarbības veicināšana un labas pārvaldības stiprināšana\": 2022. gada [-6.-] {{+7.+}} aprīlī "
        "Projekta starpposma izvērtēšan…",
        f"  lv /about/ \"Par projektu\": 2022. gada [-6.-] {{+7.+}} aprīlis: {_event_title('lv')}",
        "  lv /contact/ \"Kontakti\": Partneru [-aktuālā-] {+pašreizējā+} kontaktinformācija ir publicēta to tīmekļvietnēs.",
        f"  lv /results/ \"Rezultāti\": 2022. gada [-6.-] {{+7.+}} aprīlī: {_event_title('lv')}  (+1 more)",
        "  lv … and 4 more changed page(s)",
        "  en /en/ \"Facilitation of inter-municipal cooperation and enhancement of good governance principles in Latvian local "
        "governments\": [-6-] {+7+} April…",
        f"  en /en/about/ \"About the project\": [-6-] {{+7+}} April 2022: {_event_title('en')}",
        "  en /en/contact/ \"Contact\": The partners' [-current-] {+up-to-date+} contact details are published on their …",
        f"  en /en/results/ \"Results\": [-6-] {{+7+}} April 2022: {_event_title('en')}  (+1 more)",
        "  en … and 4 more changed page(s)",
        "  lv: 1 feed entry, also in the whole record; en: 1 feed entry, also in the whole record",
    ]
    assert "The whole difference, passage by passage: build-output/changes.md" in lines
    # The base was built once, and found in the cache the second time.
    base = changes.find_base(project)
    assert base_site.start(project, base.commit, base.name).done.cached


def test_a_new_activity_shows_its_new_addresses_and_where_it_appears(published_repository: Path, tmp_path: Path) -> None:
    """The guide's activity, result and sources, added as the guide says: its
    pages are new addresses, the pages that list it show it; the guide's
    second source, which only its event cites, is a warning, which does not
    keep the change from being built and compared."""
    from test_editor_mistakes import guide_examples

    project = editor_clone(published_repository, tmp_path / "project")
    examples = guide_examples()
    for file in ("data/sources.yml", "data/activities.yml", "data/results.yml"):
        with (project / file).open("a", encoding="utf-8") as data_file:
            data_file.write(examples[file])
    subprocess.run([sys.executable, "scripts/address_manifest.py", "--write"], cwd=project, check=True, capture_output=True)
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "A new activity")
    summary = tmp_path / "summary.md"
    result = _check(project, summary)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert '| brīdinājums · warning | source "network-seminar-2023-news": nothing cites it' in text
    activity = yaml.safe_load(examples["data/activities.yml"])[0]
    for prefix, lang, heading in (("", "lv", "**Jaunas adreses:**"), ("en/", "en", "**New addresses:**")):
        address = f"{prefix}activities/{activity['id']}/"
        assert f'{heading}\n\n- <a href="{SITE}{address}">/{address}</a> · {activity["title"][lang]}\n' in text
        assert _details(text, f"{prefix}activities/") == [f"- **{activity['number']}. {activity['title'][lang]}**",
                                                          f"- **{activity['summary'][lang]}**"]


def test_the_guide_shows_the_example_the_script_makes() -> None:
    """CONTRIBUTING.md's example is what scripts/change_example.py makes (run
    it with --write after a change of the content or of the summary)."""
    import change_example  # scripts/change_example.py

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert change_example.written(guide, change_example.example()) == guide, (
        "CONTRIBUTING.md's example of the summary is out of date: run `.venv/bin/python scripts/change_example.py --write`")
