"""The editors' checks of `make check` (scripts/editor_checks/): figures
agree between the languages, spelling, one-language warnings, and what an
editor sees of them in a pull request.

The pull-request workflow's check job is run here as GitHub runs it: its
commands, with GITHUB_ACTIONS=true and a job summary file, in a git copy of
the project where an editor's branch has several mistakes; the exact
annotations and the exact summary are asserted. The mistakes one at a time,
with their exact messages, are in tests/mistakes/cases.yml.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, editor_clone

from editor_checks import figures, prose, report, spelling, terms  # scripts/editor_checks/

TEST_WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"


# --- figures: the same in both languages once normalised -------------------------------


@pytest.mark.parametrize(
    ("latvian", "english"),
    [
        ("1 250 000 EUR", "EUR 1,250,000"),
        ("1,25 milj. EUR", "EUR 1.25 million"),
        ("2022. gada 6. aprīlī", "6 April 2022"),
        ("2020. gada 14. jūlija noteikumi", "the regulation of July 14, 2020"),
        ("06.04.2022.", "6 April 2022"),
        ("06.2021.–04.2024.", "06.2021–04.2024"),
        ("no 2021. gada jūnija līdz 2024. gada aprīlim", "from June 2021 to April 2024"),
        ("2014.–2021. gada periods", "the period 2014–2021"),
        ("15 % pašvaldību", "15% of municipalities"),
        ("2,5 reizes", "2.5 times"),
        ("WCAG 2.1 AA līmenis", "level AA of WCAG 2.1"),
        ("LVS EN 301 549", "LVS EN 301 549"),
        ("6. panta 1. punkta f) apakšpunkts", "Article 6(1)(f)"),
        ("https://www.lps.lv/ un info@lps.lv", "www.lps.lv and INFO@lps.lv"),
    ],
)
def test_figures_written_each_language_s_way_agree(latvian: str, english: str) -> None:
    lv, en = figures.extract(latvian, "lv"), figures.extract(english, "en")
    assert lv, latvian
    assert sorted(f.key for f in lv) == sorted(f.key for f in en)


@pytest.mark.parametrize(
    ("latvian", "english"),
    [
        ("12 sanāksmes", "13 meetings"),
        ("1 250 000 EUR", "1,250,000"),  # an amount, a plain number
        ("2022. gada 6. aprīlī", "7 April 2022"),
        ("2021. gada jūnijā", "July 2021"),
        ("15 %", "16%"),
        ("https://www.lps.lv", "https://lps.lv"),
    ],
)
def test_figures_that_differ_do_not_agree(latvian: str, english: str) -> None:
    assert {f.key for f in figures.extract(latvian, "lv")} != {f.key for f in figures.extract(english, "en")}


def test_links_to_different_headings_of_one_page_do_not_agree(tmp_path: Path) -> None:
    """A link's anchor is part of its target: #a in one language and #b in
    the other send readers to different places."""
    project = copy_project(tmp_path / "project")
    _replace(project / "docs/en/networks.md", "](timeline.md#mid-term-workshop)", "](timeline.md#residents-survey-2021)")
    (lv_line, lv_col), (en_line, en_col) = (_where(project / f"docs/{lang}/networks.md", target)
                                            for lang, target in (("lv", "timeline.md#mid-term-workshop"), ("en", "timeline.md#residents-survey-2021")))
    assert figures.check(project).messages == [
        f'docs/lv/networks.md:{lv_line}:{lv_col}: the link target "timeline.md#mid-term-workshop" is not in the English page docs/en/networks.md '
        f'(line {en_line} has "timeline.md#residents-survey-2021"): write the same link target in both languages, or mark a deliberate '
        "difference on this line with <!-- differs: timeline.md#mid-term-workshop -->.",
        f'docs/en/networks.md:{en_line}:{en_col}: the link target "timeline.md#residents-survey-2021" is not in the Latvian page docs/lv/networks.md '
        f'(line {lv_line} has "timeline.md#mid-term-workshop"): write the same link target in both languages, or mark a deliberate '
        "difference on this line with <!-- differs: timeline.md#residents-survey-2021 -->.",
    ]
    # A link to a heading of the page itself too.
    assert figures.link_figure(0, "#goal").key != figures.link_figure(0, "#budget").key


def test_the_real_content_has_the_same_figures_in_both_languages() -> None:
    result = figures.check(ROOT)
    assert result.messages == []


def test_a_declared_difference_is_accepted_and_listed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(project / "docs/en/networks.md", "met 12 times", "met 13 times <!-- differs: 13, the English report also counts the closing meeting -->")
    _replace(project / "docs/lv/networks.md", "12 reizes.", "12 reizes. <!-- differs: 12 -->")
    _replace(project / "data/events.yml", "By then 12 network meetings", "By then 13 network meetings")
    _replace(project / "data/events.yml", "for the pilot actions.\n", "for the pilot actions.  # differs: 13, as on the English page\n")
    _replace(project / "data/events.yml", "piecas pašvaldības pilotaktivitātēm.\n", "piecas pašvaldības pilotaktivitātēm.  # differs: 12\n")
    result = figures.check(project)
    assert result.messages == []
    listed = [(d.marker.source.shown, d.marker.line, d.figures, d.marker.text) for d in result.declared]
    assert listed == [
        ("docs/lv/networks.md", 15, ("12",), "12"),
        ("docs/en/networks.md", 15, ("13",), "13, the English report also counts the closing meeting"),
        ("data/events.yml", 53, ("12",), "12"),
        ("data/events.yml", 54, ("13",), "13, as on the English page"),
    ]
    table = report.summary([], "", result.declared).split("### Apzinātas atšķirības", 1)[1]
    assert "| `docs/en/networks.md:15:14` | 13 | 13, the English report also counts the closing meeting |" in table
    assert "| `data/events.yml:54:367` | 13 | 13, as on the English page |" in table


def test_a_declared_difference_of_figures_that_agree_is_an_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(project / "docs/en/networks.md", "met 12 times", "met 12 times <!-- differs: 12 -->")
    assert figures.check(project).messages == [
        'docs/en/networks.md:15:14: the declared difference "differs: 12" names "12", which the Latvian text has too: '
        "remove the declaration."
    ]


# --- spelling --------------------------------------------------------------------------


def test_the_real_content_is_spelt_right_with_short_word_lists() -> None:
    errors, warnings = spelling.check(ROOT)
    assert (errors, warnings) == ([], [])
    for lang in prose.LANGUAGES:
        assert len(spelling.WordList.read(ROOT, lang).entries) <= 40, f"data/spelling/{lang}.txt is no longer short: review it"


def test_a_word_list_entry_allows_the_forms_hunspell_would(tmp_path: Path) -> None:
    (tmp_path / "data/spelling").mkdir(parents=True)
    (tmp_path / "data/spelling/en.txt").write_text("# names\nGitHub\nvalstspilsēta  # a term\n", encoding="utf-8")
    words = spelling.WordList.read(tmp_path, "en")
    assert [(e.word, e.line) for e in words.entries] == [("GitHub", 2), ("valstspilsēta", 3)]
    for allowed in ("GitHub", "GITHUB", "GitHub's", "valstspilsēta", "Valstspilsēta", "VALSTSPILSĒTA"):
        assert words.allows(allowed), allowed
    # A listed word typed without its diacritics is a mistake, not the word.
    for refused in ("github", "Github", "valstspilsētu", "valstspilseta", "Valstspilseta", "VALSTSPILSETA"):
        assert not words.allows(refused), refused


def test_a_listed_word_typed_without_its_diacritics_is_reported_with_the_listed_word(tmp_path: Path) -> None:
    """data/spelling/lv.txt lists "pilotaktivitātes"; typed without its
    diacritics on a page, it is a mistake, and the message names the word."""
    assert "pilotaktivitātes" in [entry.word for entry in spelling.WordList.read(ROOT, "lv").entries]
    project = copy_project(tmp_path / "project")
    _replace(project / "docs/lv/networks.md", "[pilotaktivitātes](activities/pilot-actions.md)", "[pilotaktivitates](activities/pilot-actions.md)")
    line, column = _where(project / "docs/lv/networks.md", "pilotaktivitates")
    errors, _ = spelling.check(project)
    assert errors == [
        f'docs/lv/networks.md:{line}:{column}: "pilotaktivitates" is not in the Latvian dictionary (typed without diacritics? Did you mean '
        '"pilotaktivitātes"?): correct it, or, if it is spelt right (a name or a term), add it to data/spelling/lv.txt.'
    ]


def test_a_latvian_part_of_an_english_page_is_checked_in_latvian(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(project / "docs/en/privacy.md", '<span lang="lv">Datu valsts inspekcija</span>',
             '<span lang="lv">Datu valsts inspekcja</span>')
    errors, _ = spelling.check(project)
    assert errors == [
        'docs/en/privacy.md:52:70: "inspekcja" is not in the Latvian dictionary (did you mean "inspekcija"?): correct it, '
        "or, if it is spelt right (a name or a term), add it to data/spelling/lv.txt."
    ]


def test_links_code_addresses_and_front_matter_keys_are_not_spell_checked(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "docs/en/contact.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the qwxz page](qwxz.md#qwxz-part), `qwxz --flag`, <https://qwxz.lv/qwxz>, qwxz@qwxz.lv,\n"
                   "{{ qwxz_macro() }}, {## qwxz ##}, { lang=qwxz } and <!-- qwxz -->.\n\n```\nqwxz\n```\n")
    _replace(project / "docs/en/contact.md", "title: Contact\n", "title: Contact\nqwxzkey: Contact\n")
    errors, _ = spelling.check(project)
    assert [e.split(": ", 1)[1].split(" is not")[0] for e in errors] == ['"qwxz"']  # the link's text only
    line = (project / "docs/en/contact.md").read_text(encoding="utf-8").splitlines().index(
        "See [the qwxz page](qwxz.md#qwxz-part), `qwxz --flag`, <https://qwxz.lv/qwxz>, qwxz@qwxz.lv,") + 1
    assert errors[0].startswith(f"docs/en/contact.md:{line}:10: ")


# --- terms: one English rendering of each administrative term (data/terms.yml) ----------


def test_the_real_content_uses_the_site_s_renderings() -> None:
    assert terms.check(ROOT) == []
    # A name with a rendering to avoid in it is right as it is, and is there.
    assert "the Association of Polish Counties" in (ROOT / "data/results.yml").read_text(encoding="utf-8")


INHABITANTS = ('"inhabitants" is a rendering to avoid: write "resident" (the site\'s one rendering of "iedzīvotājs", data/terms.yml), '
               "unless it is quoted as published.")


def test_a_term_quoted_as_published_is_not_reported(tmp_path: Path) -> None:
    """The same words in a page: reported as written by the editor, left
    alone inside <q>…</q>, <blockquote>…</blockquote>, a Markdown quote
    ("> …") and a part in another language (<span lang="lv">)."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/en/contact.md"
    lines = [
        "The inhabitants of Riga.",
        "Its report speaks of <q>the inhabitants of Riga</q>.",
        "<blockquote><p>The inhabitants of Riga.</p></blockquote>",
        "",
        "> The inhabitants of Riga.",
        "",
        'In Latvian: <span lang="lv">inhabitants</span>.',
    ]
    start = len(page.read_text(encoding="utf-8").splitlines()) + 2
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert terms.check(project) == [f"docs/en/contact.md:{start}:5: {INHABITANTS}"]


def test_a_quotation_field_of_data_is_not_reported(tmp_path: Path) -> None:
    """results.*.registered.text quotes the donor's page as published
    (terms.yml `quotations`); the same word in our own evidence text is reported."""
    project = copy_project(tmp_path / "project")
    results = project / "data/results.yml"
    text = results.read_text(encoding="utf-8")
    registered = "      text: Research on efficiency and effectiveness of inter-municipal cooperation in Latvia\n"
    evidence = "by the project's mid-term evaluation workshop, five cooperation networks"
    assert registered in text and evidence.capitalize() in text
    text = text.replace(registered, registered.replace("in Latvia", "for the inhabitants of Latvia"))
    text = text.replace(evidence.capitalize(), evidence.capitalize().replace("five cooperation networks", "five county networks"))
    results.write_text(text, encoding="utf-8")
    messages = terms.check(project)
    line = text.splitlines().index(next(l for l in text.splitlines() if "five county networks" in l)) + 1
    assert messages == [f'data/results.yml:{line}:67: result "regional-networks": evidence.0.text.en: "county" is a rendering to avoid: '
                        'write "municipality" (the site\'s one rendering of "novads", data/terms.yml), unless it is quoted as published.']
    assert "inhabitants" not in " ".join(messages)


# --- GitHub: annotations and the job summary ---------------------------------------------


def test_annotations_are_escaped_as_github_requires() -> None:
    message = report.Message("figures", 'docs/lv/a,b.md:3:4: 50% "x": y\nz')
    assert report.annotation(message) == (
        "::error file=docs/lv/a%2Cb.md,line=3,col=4,title=Skaitļi abās valodās · Figures in both languages"
        '::docs/lv/a,b.md:3:4: 50%25 "x": y%0Az'
    )
    warning = report.Message("languages", "data/ui/en.yml:7:10: warning: only the English text changed")
    assert report.annotation(warning) == (
        "::warning file=data/ui/en.yml,line=7,col=10,title=Otra valoda · The other language"
        "::data/ui/en.yml:7:10: warning: only the English text changed"
    )
    assert report.annotation(report.Message("build", "mkdocs.yml: the navigation lists x")) == (
        "::error file=mkdocs.yml,title=Būvēšana · Build::mkdocs.yml: the navigation lists x"
    )


def _where(path: Path, text: str) -> tuple[int, int]:
    """(line, column), from 1, of the first occurrence of text in the file."""
    content = path.read_text(encoding="utf-8")
    offset = content.index(text)
    return content.count("\n", 0, offset) + 1, offset - content.rfind("\n", 0, offset)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                   cwd=project, check=True, capture_output=True)


@pytest.fixture
def git_project(published_repository: Path, tmp_path: Path) -> Path:
    """A clone of the project whose main branch is the real content, with
    everything `make check` needs (.venv is the real one), on a branch
    `editor` for the change."""
    return editor_clone(published_repository, tmp_path / "project")


# What GitHub's context holds for the expressions in test.yml's env, for a
# pull request to the real repository.
GITHUB_CONTEXT = {
    "github.server_url": "https://github.com",
    "github.repository": "lps-lv/pasvaldibu-sadarbiba",
    "github.event.repository.default_branch": "main",
}


def _expanded(value: str) -> str:
    def context(match: re.Match) -> str:
        assert match[1] in GITHUB_CONTEXT, f"test.yml's env uses ${{{{ {match[1]} }}}}: add it to GITHUB_CONTEXT"
        return GITHUB_CONTEXT[match[1]]
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", context, str(value))


def _run_job(project: Path, job: str, summary: Path, on_github: bool = True) -> tuple[int, list[str], str]:
    """The `run:` steps of a job of test.yml, in order, each in bash like
    GitHub's `run:` with the workflow's, the job's and the step's env,
    stopping at the first that fails (as a job does)."""
    workflow = yaml.safe_load(TEST_WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for step in workflow["jobs"][job]["steps"] if "run" in step]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SITE_URL", "REPO_URL", "EDIT_URI"))}
    if on_github:
        env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_BASE_REF="main", CI="true")
    stdout, code = [], 0
    for step in steps:
        command = step["run"]
        step_env = {**workflow.get("env", {}), **workflow["jobs"][job].get("env", {}), **step.get("env", {})}
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", command], cwd=project,
                                env=env | {name: _expanded(value) for name, value in step_env.items()},
                                capture_output=True, text=True, timeout=300)
        stdout += result.stdout.splitlines()
        code = result.returncode
        if code:
            return code, stdout, result.stderr
    return code, stdout, ""


SITE = "https://lps-lv.github.io/pasvaldibu-sadarbiba/"
# The pages whose text the editor's change below changes (the contact page's
# change is a link's address, which no reader reads as text).
PAGES_OF_THE_CHANGE = ["about/", "en/activities/", "en/networks/", "en/activities/study-visits/"]


def test_the_check_job_puts_every_message_on_its_line_and_in_the_summary(git_project: Path, tmp_path: Path) -> None:
    project = git_project
    # An editor's pull request with several mistakes.
    _replace(project / "docs/en/networks.md", "met 12 times", "met 13 times")
    _replace(project / "docs/lv/about.md", "bija jāizvērtē pašvaldību sadarbības prakse", "bija jāizvērtē pasvaldibu sadarbības prakse")
    _replace(project / "docs/en/contact.md", "[www.lps.lv](https://www.lps.lv){ hreflang=lv } |", "[www.lps.lv](https://lps.lv){ hreflang=lv } |")
    _replace(project / "data/activities.yml", "      en: Study visits to Norway,", "      en: Study visists to Norway,")
    _replace(project / "data/networks.yml", "      en: Cooperation between state cities and their surrounding municipalities\n",
             "      en: Cooperation between state cities and their surrounding counties\n")  # a term to avoid
    with (project / "data/spelling/lv.txt").open("a", encoding="utf-8") as word_list:
        word_list.write("LLPA\n")  # a partner's abbreviation: data/partners.yml is its home
    _git(project, "commit", "-q", "-am", "An editor's change")
    summary = tmp_path / "summary.md"

    code, stdout, stderr = _run_job(project, "check", summary)

    assert code != 0, stderr
    assert not (project / "site").exists(), "the site was built although the check failed"
    figures_title = "title=Skaitļi abās valodās · Figures in both languages"
    spelling_title = "title=Pareizrakstība · Spelling"
    terms_title = "title=Termini · Terms"
    language_title = "title=Otra valoda · The other language"
    errors = [
        ("docs/en/contact.md", 14, 146, figures_title, 'the web address "https://lps.lv" is not in the Latvian page docs/lv/contact.md: '
         "write the same web address in both languages, or mark a deliberate difference on this line with <!-- differs: https://lps.lv -->."),
        ("docs/lv/networks.md", 15, 6, figures_title, 'the number "12" is not in the English page docs/en/networks.md (line 15 has "13"): '
         "write the same number in both languages, or mark a deliberate difference on this line with <!-- differs: 12 -->."),
        ("docs/en/networks.md", 15, 5, figures_title, 'the number "13" is not in the Latvian page docs/lv/networks.md (line 15 has "12"): '
         "write the same number in both languages, or mark a deliberate difference on this line with <!-- differs: 13 -->."),
        ("docs/lv/about.md", 19, 37, spelling_title, '"pasvaldibu" is not in the Latvian dictionary (typed without diacritics? '
         'Did you mean "pašvaldību"?): correct it, or, if it is spelt right (a name or a term), add it to data/spelling/lv.txt.'),
        ("data/activities.yml", 58, 17, spelling_title, 'activity "study-visits": summary.en: "visists" is not in the English dictionary '
         '(did you mean "visits"?): correct it, or, if it is spelt right (a name or a term), add it to data/spelling/en.txt.'),
        ("data/spelling/lv.txt", len((ROOT / "data/spelling/lv.txt").read_text(encoding="utf-8").splitlines()) + 1, 1, spelling_title,
         '"LLPA" is a name or term from data/partners.yml, which the check reads itself: delete this line.'),
        ("data/networks.yml", 26, 66, terms_title, 'network "state-cities-and-counties": name.en: "counties" is a rendering to avoid: '
         'write "municipality" (the site\'s one rendering of "novads", data/terms.yml), unless it is quoted as published.'),
    ]
    base = "origin/main"  # on GitHub: the pull request's base branch, as the workflow fetched it
    warnings = [
        ("docs/lv/about.md", 19, 1, f"only the Latvian page changed (compared with {base}): check whether docs/en/about.md needs the same "
         "change (a spelling fix needs none)."),
        ("docs/en/contact.md", 14, 1, f"only the English page changed (compared with {base}): check whether docs/lv/contact.md needs the "
         "same change (a spelling fix needs none)."),
        ("docs/en/networks.md", 15, 1, f"only the English page changed (compared with {base}): check whether docs/lv/networks.md needs the "
         "same change (a spelling fix needs none)."),
        ("data/activities.yml", 58, 11, f'activity "study-visits": only summary.en changed (compared with {base}): check whether summary.lv '
         "(line 57) needs the same change (a spelling fix needs none)."),
        ("data/networks.yml", 26, 11, f'network "state-cities-and-counties": only name.en changed (compared with {base}): check whether name.lv '
         "(line 25) needs the same change (a spelling fix needs none)."),
    ]
    assert [line for line in stdout if line.startswith("::")] == [
        f"::error file={file},line={line},col={col},{title}::{file}:{line}:{col}: {text}" for file, line, col, title, text in errors
    ] + [
        f"::warning file={file},line={line},col={col},{language_title}::{file}:{line}:{col}: warning: {text}"
        for file, line, col, text in warnings
    ]
    rows = [f"| `{file}:{line}:{col}` | kļūda · error | {_escaped(text)} |" for file, line, col, _, text in errors]
    rows += [f"| `{file}:{line}:{col}` | brīdinājums · warning | {_escaped(text)} |" for file, line, col, text in warnings]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("\n".join([
        "## Satura pārbaude · Content check",
        "",
        "**Kļūdas: 7, brīdinājumi: 5 · Errors: 7, warnings: 5.** Kamēr ir kļūdas, nekas netiek publicēts · "
        "Nothing is published while there are errors.",
        "",
        "| Vieta · Where | Veids · Kind | Ziņojums un labojums · Message and fix |",
        "| --- | --- | --- |",
        *rows,
        "",
        "### Ko izmaiņas dara vietnē · What the change does to the site",
        "",
    ]) + "\n")
    # What the change does, after the messages (tests/test_change_summary.py
    # asserts its passages): the pages whose text changed; a link's
    # address is no text a reader reads, so the contact page is not there.
    pages = PAGES_OF_THE_CHANGE
    assert [re.search(r'<a href="[^"]*">/([^<]*)</a>', line).group(1) for line in text.splitlines() if line.startswith("<details")] == pages
    assert "- … the workshop the networks had met ~~12~~ **13** times in all. At the workshop …" in text

    # The editor fixes the mistakes; what is left is a correction of the
    # Latvian text alone: a warning, which does not fail the job.
    _git(project, "reset", "-q", "--hard", "main")
    _replace(project / "docs/lv/contact.md", "Partneru aktuālā kontaktinformācija", "Partneru pašreizējā kontaktinformācija")
    _git(project, "commit", "-q", "-am", "A wording fix")
    summary.unlink()
    code, stdout, stderr = _run_job(project, "check", summary)
    assert code == 0, stderr
    warning = (f"docs/lv/contact.md:19:1: warning: only the Latvian page changed (compared with {base}): check whether "
               "docs/en/contact.md needs the same change (a spelling fix needs none).")
    assert [line for line in stdout if line.startswith("::")] == [f"::warning file=docs/lv/contact.md,line=19,col=1,{language_title}::{warning}"]
    assert "**Kļūdu nav; brīdinājumi: 1 · No errors; warnings: 1.**" in summary.read_text(encoding="utf-8")
    assert f'<a href="{SITE}contact/">/contact/</a>' in summary.read_text(encoding="utf-8")
    # The job's next step attaches site/ for the reviewers: it was built.
    assert (project / "site" / "index.html").is_file() and (project / "site" / "en" / "contact" / "index.html").is_file()

    # `make check` in a terminal: the same warning, as a plain line.
    local = subprocess.run(["make", "check"], cwd=project, env={k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
                           capture_output=True, text=True, timeout=300)
    assert local.returncode == 0, local.stderr
    assert warning.replace(f"with {base})", "with main)") in local.stderr.splitlines()
    assert "::" not in local.stdout + local.stderr


def _escaped(text: str) -> str:
    """A message as the summary's table shows it (Markdown, as typed)."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("_", "\\_").replace("*", "\\*")


# --- readers report a mistake ------------------------------------------------------------

ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """GitHub's schema for the file, vendored in check-jsonschema: checked offline."""
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(tool), "--builtin-schema", f"vendor.{schema}", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_the_issue_forms_are_valid_for_github(tmp_path: Path) -> None:
    forms = sorted(p for p in ISSUE_FORMS.glob("*.yml") if p.name != "config.yml")
    assert forms
    result = _check_jsonschema("github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr
    config = _check_jsonschema("github-issue-config", ISSUE_FORMS / "config.yml")
    assert config.returncode == 0, config.stdout + config.stderr
    # The validator does reject a broken form: a field without its label.
    broken = tmp_path / "broken.yml"
    broken.write_text(forms[0].read_text(encoding="utf-8").replace("      label: Avots · Source\n", ""), encoding="utf-8")
    assert _check_jsonschema("github-issue-forms", broken).returncode != 0


@pytest.mark.parametrize("address", ["contact/", "en/contact/"])
def test_the_contact_page_links_to_the_mistake_form(site: Path, address: str) -> None:
    """The link opens the form, which asks in both languages for the page's
    address, what is wrong and a source, all three required."""
    soup = BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
    repo_url = soup.select_one("a[rel=edit]")["href"].split("/edit/")[0]
    links = [a["href"] for a in soup.select("article a[href]") if a["href"].startswith(f"{repo_url}/issues/new?template=")]
    assert len(links) == 1, links
    form = yaml.safe_load((ISSUE_FORMS / links[0].split("template=")[1]).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert list(fields) == ["page", "mistake", "source"]
    for field in fields.values():
        latvian, english = field["attributes"]["label"].split(" · ")
        assert latvian and english and field["validations"]["required"] is True


@pytest.mark.parametrize("address", ["documents/", "en/documents/"])
def test_the_documents_page_links_to_the_missing_document_form(site: Path, address: str) -> None:
    """Under "Not yet published" (#gaps), the link opens the form, which asks
    in both languages for the document (required) and its public address, or
    where it can be had, and says that the report is public."""
    soup = BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
    repo_url = soup.select_one("a[rel=edit]")["href"].split("/edit/")[0]
    links = [a for a in soup.select("article a[href]") if a["href"].startswith(f"{repo_url}/issues/new?template=")]
    assert [a["href"].split("template=")[1] for a in links] == ["send-a-missing-document.yml"]
    gaps = soup.find(id="gaps")
    assert links[0].find_previous(["h2"]) is gaps, "the link is in the section of what is not yet published"
    form = yaml.safe_load((ISSUE_FORMS / "send-a-missing-document.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert list(fields)[:2] == ["document", "address"]
    assert fields["document"]["validations"]["required"] is True
    assert fields["address"]["type"] == "input" and fields["address"]["attributes"]["placeholder"].startswith("https://")
    for field in fields.values():
        latvian, english = field["attributes"]["label"].split(" · ")
        assert latvian and english and latvian != english
        latvian, english = field["attributes"]["description"].split(" · ")
        assert latvian and english
    assert form["name"].count(" · ") == 1 and form["title"].count(" · ") == 1
    intro = " ".join(item["attributes"]["value"] for item in form["body"] if item["type"] == "markdown")
    assert "Ziņojums būs publisks" in intro and "The report will be public" in intro
    assert "personas datus" in intro and "personal data" in intro


def test_the_guide_shows_messages_the_check_really_prints(tmp_path: Path) -> None:
    """Each message CONTRIBUTING.md shows as an example (in both languages)
    is the exact message of a case of the editors' corpus."""
    from test_editor_mistakes import CASES, prepare

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = [line for block in re.findall(r"```text\n(.*?)```", guide, re.S) for line in block.splitlines()
             if re.match(r"^(docs|data)/", line)]
    assert len(shown) >= 2
    expected = {prepare(case, tmp_path / case["name"])[1] for case in CASES if case["step"] in ("figures", "spelling")}
    for line in shown:
        assert line in expected, line
