"""Citations on every page of both languages, as a reader gets them.

Each page that cites a source ends with one "Avoti" / "Sources" section
(#sources) listing exactly the sources the page cites, numbered in the
order of their first citation; every mark [N] leads to its entry and every
entry is cited. Which sources a page cites is worked out here from the page's
Markdown (its cite("…") calls and the macros it calls) and from data/, not
from the build. Each entry names its publisher in the page's language and
marks the title with the language it is written in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGES, ROOT, SitePage, load_data

from helpers import sitedata  # hooks/helpers/sitedata.py

OTHER = {"lv": "en", "en": "lv"}
DATA = sitedata.load(ROOT / "data")
REGISTRY = DATA.sources
# A source's entry is known by its address (or that of its other language version).
BY_URL = {url: source_id for source_id, source in REGISTRY.items()
          for url in [source["url"]] + ([source["also_in"]["url"]] if source.get("also_in") else [])}
UI = {lang: load_data(f"ui/{lang}") for lang in LANGUAGES}

CITE_CALL = re.compile(r"""\bcite\(([^)]*)\)""")
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(")
# The fields of project.yml whose citations each macro shows (their `sources:` entries).
KEY_FACTS = ("number", "programme", "programme_operator", "promoter", "partners", "project_manager", "period",
             "eligibility", "contract", "budget", "target_groups", "locations")
GLANCE = ("goal", "target_groups", "period", "contract", "partners", "budget")


def _own(items) -> list[str]:
    """The source ids of items' own `sources`."""
    return [source_id for item in items for source_id in item["sources"]]


def _of_entries(items, *fields: str) -> list[str]:
    """The source ids of the entries of items' list fields (evidence, facts)."""
    return [source_id for item in items for field in fields for entry in item.get(field, []) for source_id in entry["sources"]]


def _result_ids(results) -> list[str]:
    return [source_id for result in results for source_id in result["registered"]["sources"] + _of_entries([result], "evidence", "facts")]


def macro_sources(macro: str) -> list[str]:
    """The source ids a macro of hooks/macros.py cites, from data/."""
    project = DATA.project
    return {
        "key_facts": [i for field in KEY_FACTS for i in project["sources"][field]],
        "home_glance": [i for field in GLANCE for i in project["sources"][field]],
        "home_results": _own(project["highlights"]),
        "result_list": _result_ids(DATA.results),
        "network_list": _own(DATA.networks),
        "timeline": _own(DATA.events),
        "document_list": _own(DATA.documents),
        "gap_list": _own(DATA.gaps),
    }.get(macro, [])  # the others cite nothing: lists of links, milestones, publications, terms


def expected_sources(page: SitePage) -> set[str]:
    """What a page cites: its Markdown's cite() calls and the citations of the
    macros it calls, or, for a page generated from data/, its item's."""
    folder, _, name = page.source.partition("/")
    item_id = name.removesuffix(".md")
    if folder == "activities" and item_id != "index":
        activity = DATA.by_id("activities")[item_id]
        results = [DATA.by_id("results")[result_id] for result_id in activity["results"]]
        return set(activity["sources"]) | set(_of_entries(results, "evidence"))
    if folder == "partners" and item_id != "index":
        return set(DATA.by_id("partners")[item_id]["sources"])
    text = (ROOT / "docs" / page.lang / page.source).read_text(encoding="utf-8")
    cited = {quoted for call in CITE_CALL.finditer(text) for quoted in re.findall(r"""["']([^"']+)["']""", call.group(1))}
    return cited | {i for macro in MACRO_CALL.findall(text) for i in macro_sources(macro)}


def source_items(article: Tag) -> list[Tag]:
    listed = article.select("ol.sources")
    return listed[0].find_all("li", recursive=False) if listed else []


def source_of(item: Tag) -> str:
    """The registry id of a list entry, by the address it links first."""
    return BY_URL[item.find("a", href=True)["href"]]


@pytest.fixture(scope="module")
def articles(site_pages: list[SitePage]) -> list[tuple[SitePage, Tag]]:
    return [(page, page.soup.select_one("article")) for page in site_pages]


def test_every_page_lists_exactly_the_sources_it_cites(articles: list[tuple[SitePage, Tag]]) -> None:
    citing = quiet = 0
    for page, article in articles:
        marks = article.select("sup.cite a")
        expected = expected_sources(page)
        if not expected:
            assert not marks, (page.path, "marks on a page that cites nothing")
            assert article.find(id="sources") is None and not article.select("ol.sources"), (page.path, "a Sources section without citations")
            quiet += 1
            continue
        citing += 1
        # One "Sources" section, at the end of the page: its heading, then the list.
        headings = article.select("#sources")
        assert len(headings) == 1 and headings[0].name == "h2", page.path
        assert headings[0].get_text(strip=True) == UI[page.lang]["sources"], page.path
        (listed,) = article.select("ol.sources")
        assert headings[0].find_next_sibling() is listed, page.path
        after = [element for element in listed.find_next_siblings() if "print-address" not in (element.get("class") or [])]
        assert not after, (page.path, "content after the Sources list")
        items = source_items(article)
        assert [item.get("id") for item in items] == [f"source-{n}" for n in range(1, len(items) + 1)], page.path
        # Every mark is "[N]", links to #source-N and says "Source N"; the
        # numbers first appear in order, and every entry is cited.
        numbers = []
        for mark in marks:
            number = int(re.fullmatch(r"#source-(\d+)", mark["href"]).group(1))
            assert mark.get_text() == f"[{number}]" and mark["aria-label"] == f"{UI[page.lang]['source']} {number}", (page.path, str(mark))
            assert mark.find_parent(id="sources") is None and listed not in mark.parents
            # Its label is in the page's language, and said to be (a mark
            # after a quotation in another language carries lang itself).
            assert next(e["lang"] for e in mark.parents if e.has_attr("lang")) == page.lang, (page.path, str(mark.parent))
            numbers.append(number)
        first_seen = list(dict.fromkeys(numbers))
        assert first_seen == list(range(1, len(items) + 1)), (page.path, first_seen)
        # Each entry a different registered source: exactly those the page cites.
        ids = [source_of(item) for item in items]
        assert len(set(ids)) == len(ids), (page.path, ids)
        assert set(ids) == expected, (page.path, set(ids) ^ expected)
    assert citing >= 20 and quiet >= 4, (citing, quiet)  # most pages cite; contact, privacy and accessibility do not


def _marked(article: Tag, block: Tag) -> list[str]:
    """The source ids the citation marks of a block lead to."""
    items = {item["id"]: source_of(item) for item in source_items(article)}
    return [items[a["href"].removeprefix("#")] for a in block.select("sup.cite a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_marks_of_a_page_lead_to_the_sources_its_markdown_names(articles: list[tuple[SitePage, Tag]], lang: str) -> None:
    """Each cite("a", "b") of a page's Markdown becomes one group of marks
    leading to exactly a and b, in that order: checked for every call before
    the first macro that cites data items (whose marks come between)."""
    checked = 0
    for page, article in articles:
        if page.lang != lang or not (ROOT / "docs" / lang / page.source).is_file():
            continue
        text = (ROOT / "docs" / lang / page.source).read_text(encoding="utf-8")
        citing_macros = [m.start() for m in MACRO_CALL.finditer(text) if macro_sources(m.group(1))]
        until = min(citing_macros, default=len(text))
        calls = [re.findall(r"""["']([^"']+)["']""", call.group(1)) for call in CITE_CALL.finditer(text) if call.start() < until]
        marks = article.select("sup.cite")
        if not citing_macros:
            assert len(marks) == len(calls), page.path
        for call, mark in zip(calls, marks):
            assert _marked(article, mark) == call, (page.path, call)
            checked += 1
    assert checked >= 15


def _entries(site: Path, lang: str) -> list[tuple[str, str, Tag]]:
    """(page, source id, entry) of every source entry of every page, and of
    the documents page's list of publications."""
    entries = []
    for file in sorted((site / ("en" if lang == "en" else "")).rglob("index.html")):
        if lang == "lv" and file.relative_to(site).parts[0] == "en":
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.html.get("lang") != lang or soup.select_one("article") is None:
            continue
        for item in soup.select("article ol.sources > li, article ul.publications > li"):
            entries.append((str(file.relative_to(site)), source_of(item), item))
    return entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_source_is_shown_in_the_page_s_language(site: Path, lang: str) -> None:
    """The publisher's name in the page's language (never the other one,
    unless both are the same), the title as published marked with its own
    language, or our description in the page's language, and "(in Latvian)"
    after a page in another language."""
    entries = _entries(site, lang)
    assert {source_id for _, source_id, _ in entries} == set(REGISTRY), "every registered source is shown somewhere"
    in_language = {code: UI[lang]["in_languages"].format(names=UI[lang][f"language_name_{code}"]) for code in ("lv", "en", "no", "pl")}
    for page, source_id, item in entries:
        source = REGISTRY[source_id]
        link = item.find("a", href=True)
        assert link["href"] == source["url"] and link["hreflang"] == source["language"], (page, source_id)
        if "title" in source:
            title = link.find_parent("cite")
            assert title is not None and title.get_text() == source["title"], (page, source_id)
            assert title["lang"] == source["language"], (page, source_id)
        else:
            assert link.get_text() == source["description"][lang], (page, source_id)  # our words, in the page's language
            assert link.find_parent("cite") is None and not link.has_attr("lang"), (page, source_id)
            title = link
        after = title.next_sibling if isinstance(title.next_sibling, str) else ""
        if source["language"] != lang:
            assert after.startswith(f" ({in_language[source['language']]})"), (page, source_id, after)
        else:
            assert not after.lstrip().startswith("("), (page, source_id, after)
        # The publisher after the dash, in the reader's language.
        unquoted = BeautifulSoup(str(item), "html.parser")
        for quoted in unquoted.select("cite"):
            quoted.decompose()
        text = unquoted.get_text()
        publisher = source["publisher_name"]
        assert f" — {publisher[lang]}" in text, (page, source_id, text)
        if publisher[OTHER[lang]] != publisher[lang]:
            assert publisher[OTHER[lang]] not in text, (page, source_id, text)
    assert any(REGISTRY[i]["language"] != lang for _, i, _ in entries) and any(REGISTRY[i]["language"] == lang for _, i, _ in entries)
    assert any("description" in REGISTRY[i] for _, i, _ in entries)

