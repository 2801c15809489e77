"""The record: dated events on the timeline, documents with what a reader
gets, results as registered with the donor (the plan) apart from what the
sources show (the evidence) and what is not yet published (the documents
page's gaps), the publications about the project, and the citations of
every item, which lead to its own sources in the registry (data/sources.yml).

Most tests read the real site (built once per session); the last ones build
a temporary copy of the project to which the test adds what the repository
does not hold: a document file (its format and size measured by the build),
archived copies of external links, and the examples of CONTRIBUTING.md for
the sources, an event and a document.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, copy_project, load_data

from helpers import sitedata, typography  # hooks/helpers/

NBSP = "\u00a0"


def soup_of(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, address: str) -> Tag:
    return soup_of(site, address).select_one("article")


def section(page: Tag, anchor: str) -> list[Tag]:
    """The heading with id=anchor and everything after it up to the next
    heading of the same or a higher level."""
    heading = page.find(id=anchor)
    assert heading is not None and heading.name in ("h2", "h3"), anchor
    level = int(heading.name[1])
    parts = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2", "h3") and int(sibling.name[1]) <= level:
            break
        parts.append(sibling)
    return parts


def text_of(parts: list[Tag]) -> str:
    return " ".join(part.get_text(" ", strip=True) for part in parts).replace(NBSP, " ")


def links_of(parts: list[Tag]) -> list[Tag]:
    return [a for part in parts for a in ([part] if part.name == "a" else part.find_all("a"))]


def resolves_to(site: Path, page_address: str, href: str) -> Path:
    """The file a relative link on a page leads to."""
    target = urlsplit(urljoin("https://x/" + page_address, href)).path.lstrip("/")
    path = site / target
    return path / "index.html" if target.endswith("/") or target == "" else path


REGISTRY = {source["id"]: source for source in load_data("sources")["sources"]}
BY_URL = {source["url"]: source_id for source_id, source in REGISTRY.items()}


def cited(page: Tag, parts: list[Tag] | Tag, by_url: dict[str, str] = BY_URL) -> list[str]:
    """The source ids the citation marks in `parts` lead to, through the
    page's "Sources" list (#source-N -> the address its entry links)."""
    entries = {li["id"]: by_url[li.find("a", href=True)["href"]] for li in page.select("ol.sources > li")}
    blocks = parts if isinstance(parts, list) else [parts]
    marks = [a for block in blocks for a in ([block] if block.name == "a" else block.select("sup.cite a"))]
    return [entries[a["href"].removeprefix("#")] for a in marks]


def without_marks(tag: Tag) -> str:
    """A block's text as a reader reads it, without its citation marks."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for mark in copy.select("sup.cite"):
        mark.decompose()
    return copy.get_text().replace(NBSP, " ")


# --- The timeline -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_is_on_the_timeline_under_its_year_in_order(site: Path, lang: str) -> None:
    events = load_data("events")["events"]
    page = article(site, LANGUAGE_PREFIX[lang] + "timeline/")
    headings = [h for h in page.find_all(["h2", "h3"]) if h.get("id") and h["id"] != "sources"]  # the page's Sources list ends it
    order = [h["id"] for h in headings if h.name == "h3"]
    assert sorted(order) == sorted(e["id"] for e in events)
    year = None
    for heading in headings:
        if heading.name == "h2":
            year = heading.get_text(strip=True)
            assert heading["id"] == f"year-{year}"
            continue
        event = next(e for e in events if e["id"] == heading["id"])
        assert str(event["date"])[:4] == year, event["id"]
        assert heading.get_text(strip=True) == event["title"][lang]
        assert event["summary"][lang] in text_of(section(page, event["id"]))
    times = [section(page, anchor)[1].find("time")["datetime"] for anchor in order]
    assert times == sorted(times, key=lambda t: (t[:4], t[5:7] or "13", t[8:10] or "32")), times


@pytest.mark.parametrize(
    "anchor,lv,en",
    [
        ("mid-term-workshop", "2022. gada 6. aprīlī", "6 April 2022"),
        ("contract-signed", "2021. gada 26. jūlijā", "26 July 2021"),
        ("residents-survey-2023", "2024. gada janvārī", "January 2024"),
        ("residents-survey-2021", "2021. gadā", "2021"),
    ],
)
def test_event_dates_read_well_in_each_language(site: Path, anchor: str, lv: str, en: str) -> None:
    for lang, expected in (("lv", lv), ("en", en)):
        when = section(article(site, LANGUAGE_PREFIX[lang] + "timeline/"), anchor)[1]
        assert when.find("time").get_text() == expected


def test_the_conference_shows_its_place(site: Path) -> None:
    lv = text_of(section(article(site, "timeline/"), "strategy-conference"))
    en = text_of(section(article(site, "en/timeline/"), "strategy-conference"))
    assert "Latvijas Nacionālā bibliotēka, Ziedoņa zāle, Mūkusalas iela 3, Rīga" in lv
    assert "National Library of Latvia" in en and "Mūkusalas iela 3" in en


def test_events_without_a_published_year_are_told_without_a_date(site: Path) -> None:
    """facts.md gives only day and month for the LLPA visits and the 6th
    network seminar: no timeline entry, but their activity or network tells them."""
    for lang in LANGUAGES:
        timeline = text_of([article(site, LANGUAGE_PREFIX[lang] + "timeline/")])
        assert "Oslo" in timeline and "Lillestrøm" not in timeline  # named only in the intro, no entry
        visits = text_of([article(site, LANGUAGE_PREFIX[lang] + "activities/study-visits/")])
        networks = text_of([article(site, LANGUAGE_PREFIX[lang] + "networks/")])
        if lang == "lv":
            assert "No 12. līdz 14. jūnijam" in visits and "No 7. līdz 9. novembrim" in visits
            assert "9. februārī (gads avotā nav norādīts)" in networks
        else:
            assert "From 12 to 14 June" in visits and "From 7 to 9 November" in visits
            assert "9 February (the source does not state the year)" in networks
        assert not re.search(r"20\d\d\W+(12|7)\D", visits.split("No public report")[0].split("Publiski pārskati")[0]), "a guessed year"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_milestones_are_the_marked_events_linked_to_the_timeline(site: Path, lang: str) -> None:
    marked = [e["id"] for e in load_data("events")["events"] if e.get("milestone")]
    address = LANGUAGE_PREFIX[lang] + "about/"
    links = [a for a in links_of(section(article(site, address), "milestones")) if "#" in a["href"]]
    assert [a["href"].split("#")[1] for a in links] == marked
    for a in links:
        target = resolves_to(site, address, a["href"].split("#")[0])
        assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=a["href"].split("#")[1])


# --- Documents ----------------------------------------------------------------

@pytest.mark.parametrize("lang,details", [("lv", "(tīmekļa lapa, latviešu valodā)"), ("en", "(web page, in Latvian)")])
def test_the_strategy_document_link_says_what_a_reader_gets(site: Path, lang: str, details: str) -> None:
    document = load_data("documents")["documents"][0]
    for address in ("documents/", "results/", "activities/state-cities-strategy/"):
        page = article(site, LANGUAGE_PREFIX[lang] + address)
        link = page.find("a", href=document["url"])
        assert link is not None, address
        assert link.get_text() == f"{document['title'][lang]} {details}"
        assert link["hreflang"] == "lv"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_activities_and_results_list_their_events_and_documents_and_no_empty_section(site: Path, lang: str) -> None:
    """An activity's Events and Documents sections list its own, and are left
    out where it has none (no "none found" text: data/gaps.yml says what is
    missing, on the documents page)."""
    data = sitedata.load(ROOT / "data")
    ui = load_data(f"ui/{lang}")
    assert not {"no_events", "no_documents"} & set(ui), "the empty sections' texts are gone"
    shown = {"events": 0, "documents": 0, "without": 0}
    for activity in data.activities:
        page = article(site, f"{LANGUAGE_PREFIX[lang]}activities/{activity['id']}/")
        for kind in ("events", "documents"):
            own = data.of_activity(kind, activity)
            if not own:
                assert page.find(id=kind) is None, (activity["id"], kind)
                shown["without"] += 1
                continue
            parts = section(page, kind)
            assert parts[0].get_text(strip=True) == ui[kind]
            titles = [a.get_text() for a in links_of(parts)]
            assert all(any(item["title"][lang] in title for title in titles) for item in own), (activity["id"], kind)
            assert len(parts[1].find_all("li")) == len(own), (activity["id"], kind)
            shown[kind] += 1
    assert all(shown.values()), shown  # the data has activities with and without each
    results_page = article(site, LANGUAGE_PREFIX[lang] + "results/")
    for document in data.documents:
        for result_id in document.get("results", []):
            assert any(document["title"][lang] in a.get_text() for a in links_of(section(results_page, result_id)))


# --- Results: the registered wording (plan), then what the sources show ------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_result_quotes_its_registered_wording_then_what_the_sources_show(site: Path, lang: str) -> None:
    """The plan apart from the evidence: the result as registered with the
    donor, verbatim and marked with its language (on Latvian pages with our
    translation, labelled), then "What the sources show", or the line of what
    is not yet published, linking to the documents page's list."""
    data = sitedata.load(ROOT / "data")
    ui = load_data(f"ui/{lang}")
    address = LANGUAGE_PREFIX[lang] + "results/"
    page = article(site, address)
    documents = article(site, LANGUAGE_PREFIX[lang] + "documents/")
    for result in data.results:
        registered = result["registered"]
        parts = section(page, result["id"])
        order = [el for part in parts for el in [part, *part.find_all(True)]]
        (box,) = [el for el in order if "registered" in (el.get("class") or [])]
        assert box.select_one(".registered__label").get_text() == ui["registered"]
        (quote,) = box.find_all("blockquote")
        assert quote["lang"] == registered["language"] == "en"
        assert without_marks(quote).strip() == registered["text"], result["id"]  # verbatim
        assert cited(page, quote) == registered["sources"], result["id"]
        translation = box.select(".registered__translation")
        if registered["language"] != lang:
            assert [t.get_text() for t in translation] == [f"{ui['translation']}: {registered['translation'][lang]}"], result["id"]
            assert translation[0].find_parent(attrs={"lang": True}).get("lang") == lang
        else:
            assert not translation, result["id"]
        # After the plan, what the sources show: the evidence, the facts, the
        # gaps; the label only above evidence or facts, never over nothing.
        labels = [el for el in order if "evidence__label" in (el.get("class") or [])]
        if not (result.get("evidence") or result.get("facts")):
            assert not labels, result["id"]
            label = box
        else:
            (label,) = labels
            assert label.get_text() == ui["evidence"] and order.index(label) > order.index(box)
        evidence = [el for el in order if "evidence" in (el.get("class") or [])]
        gap_lines = [el for el in order if "gaps-line" in (el.get("class") or [])]
        if result.get("evidence"):
            (block,) = evidence
            assert order.index(block) > order.index(label)
            items = block.find_all("li")
            assert len(items) == len(result["evidence"]), result["id"]
            for item, entry in zip(items, result["evidence"]):
                assert entry["text"][lang].replace(NBSP, " ") in without_marks(item), result["id"]
                assert cited(page, item) == entry["sources"], result["id"]
                if "date" in entry:
                    assert item.find("time")["datetime"] == typography.when_iso(entry["date"])
                if "see" in entry:
                    more = item.find_all("a", href=True)[-1]
                    target, _, anchor = more["href"].partition("#")
                    file = resolves_to(site, address, target)
                    assert file.is_file(), (result["id"], more["href"])
                    # The link names where it leads: the target page's title.
                    title = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find("h1").get_text(" ", strip=True)
                    assert more.get_text(" ", strip=True) == title and f"{ui['evidence_see']}: {title}" in item.get_text(" ", strip=True)
                    assert not anchor or BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=anchor), more["href"]
        else:
            assert not evidence and gap_lines, f"{result['id']}: no evidence and no line of what is not yet published"
        gaps = [gap for gap in data.gaps if result["id"] in gap.get("results", [])]
        if gaps:
            (line,) = gap_lines
            assert order.index(line) > order.index(box)
            assert line.select_one(".gaps-line__label").get_text() == ui["gap_line"]
            links = line.find_all("a")
            assert [a.get_text() for a in links] == [gap["title"][lang] for gap in gaps]
            for a, gap in zip(links, gaps):
                assert resolves_to(site, address, a["href"].split("#")[0]) == site / LANGUAGE_PREFIX[lang] / "documents" / "index.html"
                assert a["href"].split("#")[1] == f"gap-{gap['id']}" and documents.find(id=f"gap-{gap['id']}") is not None
        else:
            assert not gap_lines
        for fact in result.get("facts", []):
            (term,) = [dt for dt in order if dt.name == "dt" and dt.get_text() == fact["label"][lang]]
            assert cited(page, term.find_next_sibling("dd")) == fact["sources"], result["id"]
        activity = f"activities/{result['activity']}/"
        assert any(str(resolves_to(site, address, a["href"])).endswith(activity + "index.html") for a in links_of(parts))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_activity_shows_the_evidence_of_its_results_and_what_is_missing(site: Path, lang: str) -> None:
    data = sitedata.load(ROOT / "data")
    ui = load_data(f"ui/{lang}")
    for activity in data.activities:
        address = f"{LANGUAGE_PREFIX[lang]}activities/{activity['id']}/"
        page = article(site, address)
        evidence = [entry for result_id in activity["results"] for entry in data.by_id("results")[result_id].get("evidence", [])]
        if evidence:
            items = page.select(".evidence li")
            assert [cited(page, item) for item in items] == [entry["sources"] for entry in evidence], activity["id"]
            # No "More" link from a page to itself.
            assert not [a for a in page.select(".evidence a[href]") if not a.find_parent("sup") and resolves_to(site, address, a["href"].split("#")[0]) == site / address / "index.html"]
        else:
            assert page.find(id="evidence") is None and not page.select(".evidence")
        gaps = data.of_activity("gaps", activity)
        line = page.select(".gaps-line")
        if gaps:
            assert [a["href"].split("#")[1] for a in line[0].find_all("a")] == [f"gap-{gap['id']}" for gap in gaps]
            assert line[0].select_one(".gaps-line__label").get_text() == ui["gap_line"]
        else:
            assert not line
        description = next(p for p in page.find_all("p") if activity["description"][lang].replace(NBSP, " ") in without_marks(p))
        assert cited(page, description) == activity["sources"], activity["id"]


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("lv", ["Mērķis", "integrēta attīstība", "ekonomiskā", "sociālā", "vides", "izglītība un zinātne",
                "1 % Latvijas teritorijas", "70 %", "vairāk nekā puse"]),
        ("en", ["Aim", "integrated development", "economic", "social", "environmental", "education and science",
                "1% of Latvia's territory", "70%", "more than half"]),
    ],
)
def test_result_8_carries_the_strategy(site: Path, lang: str, expected: list[str]) -> None:
    parts = section(article(site, LANGUAGE_PREFIX[lang] + "results/"), "state-cities-strategy")
    text = text_of(parts)
    for fragment in expected:
        assert fragment in text, fragment
    facts = next(p for p in parts if p.name == "dl")
    lists = {dt.get_text(): dt.find_next_sibling("dd").find_all("li") for dt in facts.find_all("dt")}
    assert sorted(len(items) for items in lists.values() if items) == [3, 5]
    conference = [a for a in links_of(parts) if a["href"].endswith("#strategy-conference")]
    assert conference, "the conference that presented the strategy"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_surveys_and_network_facts_are_where_they_belong(site: Path, lang: str) -> None:
    about = article(site, LANGUAGE_PREFIX[lang] + "about/")
    links = [a for a in links_of(section(about, "surveys")) if "#" in a["href"] and not a.find_parent("sup")]
    assert {a["href"].split("#")[1] for a in links if "timeline/" in a["href"]} == {"residents-survey-2021", "residents-survey-2023"}
    # What is not published of them: the documents page's entry.
    assert [a["href"].split("/#")[1] for a in links if "documents/" in a["href"]] == ["gap-survey-results"]
    assert cited(about, section(about, "surveys")) == ["medumi-survey-2021", "survey-2023-notice"]
    networks = text_of([article(site, LANGUAGE_PREFIX[lang] + "networks/")])
    assert "12" in networks
    assert ("politiķi" in networks and "speciālisti" in networks) if lang == "lv" else ("politicians" in networks and "specialists" in networks)
    assert ("seminārā" in networks) if lang == "lv" else ("seminar" in networks)


# --- Sources: each item's citation marks lead to its own sources ---------------

def _items_and_blocks(site: Path, lang: str):
    """(what, page, block, source ids) of every data item shown with its citations."""
    data = sitedata.load(ROOT / "data")
    prefix = LANGUAGE_PREFIX[lang]
    for kind in ("activities", "partners"):
        for item in getattr(data, kind):
            page = article(site, f"{prefix}{kind}/{item['id']}/")
            block = next(p for p in page.find_all("p") if item["description"][lang].replace(NBSP, " ") in without_marks(p))
            yield f"{kind}/{item['id']}", page, block, item["sources"]
    timeline = article(site, prefix + "timeline/")
    for event in data.events:
        block = next(p for p in section(timeline, event["id"]) if p.name == "p" and event["summary"][lang] in without_marks(p))
        yield f"event {event['id']}", timeline, block, event["sources"]
    documents = article(site, prefix + "documents/")
    for document in data.documents:
        yield f"document {document['id']}", documents, section(documents, document["id"]), document["sources"]
    for gap in data.gaps:
        yield f"gap {gap['id']}", documents, section(documents, f"gap-{gap['id']}"), gap["sources"]
    networks = article(site, prefix + "networks/")
    for network in data.networks:
        yield f"network {network['id']}", networks, section(networks, network["id"]), network["sources"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_item_cites_its_own_sources(site: Path, lang: str) -> None:
    """The marks after an item's text lead, through its page's Sources list,
    to exactly the sources data/ gives for it, in that order (the results'
    registered wording, evidence and facts: the results test above)."""
    count = 0
    for what, page, block, sources in _items_and_blocks(site, lang):
        assert cited(page, block) == sources, what
        count += 1
    assert count >= 30


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_key_facts_cite_the_sources_of_each_field(site: Path, lang: str) -> None:
    project = load_data("project")
    about = article(site, LANGUAGE_PREFIX[lang] + "about/")
    facts = about.select_one("#key-facts ~ dl.facts")
    values = facts.find_all("dd")
    assert len(values) == 14
    # Grant and co-financing (the 9th and 10th) are parts of the total, cited with it.
    fields = ("number", "programme", "programme_operator", "promoter", "partners", "project_manager", "period",
              "eligibility", "contract", None, None, "budget", "target_groups", "locations")
    assert [cited(about, dd) for dd in values] == [project["sources"][field] if field else [] for field in fields]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_source_shows_its_title_publisher_and_language(site: Path, lang: str) -> None:
    """One entry exactly: the ReTV report of the mid-term workshop on the timeline."""
    (source_id,) = [e for e in load_data("events")["events"] if e["id"] == "mid-term-workshop"][0]["sources"]
    source = REGISTRY[source_id]
    item = article(site, LANGUAGE_PREFIX[lang] + "timeline/").find("a", href=source["url"]).find_parent("li")
    assert item.find_parent("ol")["class"] == ["sources"] and item["id"].startswith("source-")
    title = item.find("cite")
    assert title.get_text() == source["title"] and title["lang"] == title.a["hreflang"] == source["language"] == "lv"
    expected = f"{source['title']} — ReTV" if lang == "lv" else f"{source['title']} (in Latvian) — ReTV"
    assert item.get_text() == expected


@pytest.mark.parametrize("lang,expected", [
    ("lv", "{description} (angļu valodā) — World Today Journal, 2024. gada 23. janvāris"),
    ("en", "{description} — World Today Journal, 23 January 2024"),
])
def test_a_source_without_a_title_shows_our_description_and_its_date(site: Path, lang: str, expected: str) -> None:
    source = REGISTRY["survey-2023-notice"]
    item = article(site, LANGUAGE_PREFIX[lang] + "about/").find("a", href=source["url"]).find_parent("li")
    assert item.get_text() == expected.format(description=source["description"][lang])
    assert item.find("cite") is None and item.find("time")["datetime"] == "2024-01-23"


# --- The documents page: what is not yet published, publications -------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_documents_page_lists_every_gap_at_its_anchor(site: Path, lang: str) -> None:
    data = sitedata.load(ROOT / "data")
    page = article(site, LANGUAGE_PREFIX[lang] + "documents/")
    gaps = section(page, "gaps")
    assert gaps[0].name == "h2" and gaps[0].get_text(strip=True) == {"lv": "Kas vēl nav publicēts", "en": "Not yet published"}[lang]
    anchors = [h["id"] for part in gaps for h in part.select("h3[id]")]
    assert anchors == [f"gap-{gap['id']}" for gap in data.gaps]
    for gap in data.gaps:
        parts = section(page, f"gap-{gap['id']}")
        assert parts[0].get_text(strip=True) == gap["title"][lang]
        assert gap["known"][lang] in text_of(parts)
        results = [a["href"].split("#")[1] for a in links_of(parts) if "results/" in a["href"]]
        assert results == gap.get("results", []), gap["id"]
    # How to send what is missing: the issue form (tests/test_editor_checks.py
    # checks the form itself) and, without a GitHub account, the association.
    forms = [a["href"] for part in gaps for a in part.find_all("a", href=True) if "/issues/new?template=" in a["href"]]
    assert [href.split("template=")[1] for href in forms] == ["send-a-missing-document.yml"]
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "send-a-missing-document.yml").is_file()
    assert ("publisks" if lang == "lv" else "public") in text_of(gaps[:4])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_publications_are_exactly_the_news_sources(site: Path, lang: str) -> None:
    page = article(site, LANGUAGE_PREFIX[lang] + "documents/")
    parts = section(page, "publications")
    (listed,) = [ul for part in parts for ul in ([part] if part.name == "ul" else part.select("ul"))]
    assert "publications" in listed["class"]
    shown = [BY_URL[li.find("a", href=True)["href"]] for li in listed.find_all("li", recursive=False)]
    news = [source["id"] for source in load_data("sources")["sources"] if source["kind"] == "news"]
    assert shown == news and len(news) >= 10
    assert not listed.select("sup.cite"), "a list, not citations"


# --- The About page -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_project_link_is_an_item_of_its_own(site: Path, lang: str) -> None:
    """The project's pages elsewhere, one list item each with its one link
    (a template once joined them into one item: "A - B")."""
    links = load_data("project")["links"]
    parts = section(article(site, LANGUAGE_PREFIX[lang] + "about/"), "links")
    (listed,) = [part for part in parts if part.name == "ul"]
    items = listed.find_all("li", recursive=False)
    assert len(items) == len(links) >= 2
    for item, link in zip(items, links):
        anchors = item.find_all("a")
        assert anchors[0]["href"] == link["url"] and anchors[0].get_text() == link["title"][lang]
        assert [a["href"] for a in anchors[1:]] == ([link["archived"]] if link.get("archived") else [])
        assert " - " not in item.get_text() and "- [" not in item.get_text(), item.get_text()


# --- Search -------------------------------------------------------------------

def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_each_event_and_document_in_its_language(site: Path, lang: str) -> None:
    entries = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))["docs"]
    by_location = {entry["location"]: entry for entry in entries}
    for kind, address in (("events", "timeline/"), ("documents", "documents/")):
        for item in load_data(kind)[kind]:
            entry = by_location[f"{LANGUAGE_PREFIX[lang]}{address}#{item['id']}"]
            assert entry["title"] == item["title"][lang]
    # Typed without diacritics, the place of the conference finds its event.
    query = fold("Mūkusalas")
    found = [e["location"] for e in entries if query in fold(e["text"])]
    assert f"{LANGUAGE_PREFIX[lang]}timeline/#strategy-conference" in found


# --- A copy of the project with what the repository does not hold -------------

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PDF = b"%PDF-1.4\n" + b"%" + b"0" * 1_234_560 + b"\n%%EOF\n"  # 1,234,577 bytes: "1,2 MB"
ARCHIVE = "https://web.archive.org/web/2024/https://llpa.lv/"
DOCUMENT_ARCHIVE = "https://web.archive.org/web/2024/https://llpa.lv/jaunumi/strat-m1m7x"


def guide_blocks(marker: str) -> list[str]:
    found = [re.sub(r"^   ", "", block, flags=re.M) for block in re.findall(rf"<!-- {re.escape(marker)} -->\s*```yaml\n(.*?)```", GUIDE, re.S)]
    assert len(found) == 2 and found[0] == found[1], f"the Latvian and English guides show different {marker} examples"
    return [found[0]]


def guide_source() -> dict:
    """The first source of the guide's example for data/sources.yml."""
    return yaml.safe_load(guide_blocks("guide-example: data/sources.yml")[0])[0]


def run(project: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    env = {"SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def record_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("record") / "project")
    # The guide's sources, event and document, each appended as the guide says.
    for file in ("data/sources.yml", "data/events.yml", "data/documents.yml"):
        (example,) = guide_blocks(f"guide-example: {file}")
        with (project / file).open("a", encoding="utf-8") as data_file:
            data_file.write(example)
    # The guide's first source (it has an archived copy), cited by an activity.
    activities = (project / "data" / "activities.yml").read_text(encoding="utf-8")
    anchor = "    results: [pilot-actions]\n    sources: ["
    assert activities.count(anchor) == 1
    (project / "data" / "activities.yml").write_text(activities.replace(anchor, anchor + f"{guide_source()['id']}, "), encoding="utf-8")
    # A document kept in the repository, and archived copies of a partner's site and a project link.
    (project / "data" / "documents").mkdir()
    (project / "data" / "documents" / "ziņojums-2024.pdf".replace("ņ", "n")).write_bytes(PDF)
    with (project / "data" / "documents.yml").open("a", encoding="utf-8") as data_file:
        data_file.write(
            "  - id: test-report\n    title:\n      lv: Pārbaudes ziņojums\n      en: Test report\n"
            "    languages: [lv]\n    kind: report\n    date: 2024-04\n    results: [pilot-actions]\n"
            "    file: zinojums-2024.pdf\n    sources: [test-report-page]\n"
        )
    with (project / "data" / "sources.yml").open("a", encoding="utf-8") as data_file:
        data_file.write(
            "  - id: test-report-page\n    url: https://www.example.org/report\n    title: Report\n"
            "    language: en\n    kind: page\n    publisher: lps\n"
        )
    documents = (project / "data" / "documents.yml").read_text(encoding="utf-8")
    documents = documents.replace("    format: HTML\n", f"    format: HTML\n    archived: {DOCUMENT_ARCHIVE}\n", 1)
    (project / "data" / "documents.yml").write_text(documents, encoding="utf-8")
    partners = (project / "data" / "partners.yml").read_text(encoding="utf-8")
    partners = partners.replace("    url: https://llpa.lv\n", f"    url: https://llpa.lv\n    archived: {ARCHIVE}\n", 1)
    (project / "data" / "partners.yml").write_text(partners, encoding="utf-8")
    assert run(project, "address_manifest.py", "--write").returncode == 0
    build = run(project, "build.py")
    assert build.returncode == 0, build.stderr + build.stdout
    return project


def test_a_document_file_is_published_once_with_its_measured_format_and_size(record_copy: Path) -> None:
    site = record_copy / "site"
    assert (site / "documents" / "zinojums-2024.pdf").read_bytes() == PDF
    assert "/documents/zinojums-2024.pdf" in (record_copy / "data" / "addresses.txt").read_text(encoding="utf-8").splitlines()
    expected = {"lv": f"Pārbaudes ziņojums (PDF, 1,2{NBSP}MB, latviešu valodā)", "en": f"Test report (PDF, 1.2{NBSP}MB, in Latvian)"}
    for lang in LANGUAGES:
        for address in ("documents/", "results/", "activities/pilot-actions/"):
            page_address = LANGUAGE_PREFIX[lang] + address
            links = [a for a in article(site, page_address).find_all("a") if a.get_text() == expected[lang]]
            assert links, (page_address, expected[lang])
            assert all(resolves_to(site, page_address, a["href"]) == site / "documents" / "zinojums-2024.pdf" for a in links)
            assert all(a.get("hreflang") == "lv" for a in links)


def test_archived_copies_are_shown_beside_the_original(record_copy: Path) -> None:
    site = record_copy / "site"
    label = {"lv": "arhivēta kopija", "en": "archived copy"}
    source = guide_source()
    assert source["archived"]
    for lang in LANGUAGES:
        partner = article(site, LANGUAGE_PREFIX[lang] + "partners/llpa/").find("a", href=ARCHIVE)
        assert partner is not None and partner.get_text() == label[lang]
        assert partner.find_previous_sibling("a")["href"] == "https://llpa.lv"
        # In the activity's Sources list, after the page it is a copy of.
        activity = article(site, LANGUAGE_PREFIX[lang] + "activities/pilot-actions/").find("a", href=source["archived"])
        assert activity is not None and activity.get_text() == label[lang]
        entry = activity.find_parent("li")
        assert entry.find_parent("ol")["class"] == ["sources"] and entry.find("a")["href"] == source["url"]
        assert entry.get_text().endswith(f" · {label[lang]}")
        document = article(site, LANGUAGE_PREFIX[lang] + "documents/").find("a", href=DOCUMENT_ARCHIVE)
        assert document is not None and document.get_text() == label[lang]
        assert document.find_previous_sibling("a")["href"] == load_data("documents")["documents"][0]["url"]


def test_the_guide_adds_an_event_a_document_and_a_source(record_copy: Path) -> None:
    site = record_copy / "site"
    event = yaml.safe_load(guide_blocks("guide-example: data/events.yml")[0])[0]
    document = yaml.safe_load(guide_blocks("guide-example: data/documents.yml")[0])[0]
    sources = yaml.safe_load(guide_blocks("guide-example: data/sources.yml")[0])
    by_url = {**BY_URL, **{source["url"]: source["id"] for source in sources}, "https://www.example.org/report": "test-report-page"}
    dates = {"lv": "2023. gada 1.–3. martā", "en": "1–3 March 2023"}
    links = {"lv": f"{document['title']['lv']} (PDF, 245{NBSP}kB, latviešu valodā)", "en": f"{document['title']['en']} (PDF, 245{NBSP}kB, in Latvian)"}
    for lang in LANGUAGES:
        timeline = article(site, LANGUAGE_PREFIX[lang] + "timeline/")
        parts = section(timeline, event["id"])
        assert parts[0].get_text(strip=True) == event["title"][lang]
        assert parts[1].find("time").get_text() == dates[lang]
        assert section(timeline, "year-2023")
        documents = article(site, LANGUAGE_PREFIX[lang] + "documents/")
        assert documents.find("a", href=document["url"]).get_text() == links[lang]
        # Each cites its source of the registry, by its id.
        assert cited(timeline, parts, by_url) == event["sources"] == ["network-seminar-2023-news"]
        assert cited(documents, section(documents, document["id"]), by_url) == document["sources"]
        activity = article(site, LANGUAGE_PREFIX[lang] + "activities/pilot-actions/")
        description = next(p for p in activity.find_all("p") if p.select("sup.cite"))
        assert cited(activity, description, by_url) == [sources[0]["id"], "llpa-project-page", "lps-project-page", "retv-mid-term"]
        # Both are news: among the publications about the project, last.
        publications = [li.find("a")["href"] for li in documents.select("ul.publications > li")]
        assert publications[-2:] == [source["url"] for source in sources]


# --- External links of data/, for the scheduled link check -------------------

def test_every_external_link_of_data_is_listed_at_its_line() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from data_links import data_links

    links = data_links()
    for link in links:
        line = (ROOT / link.file).read_text(encoding="utf-8").splitlines()[link.line - 1]
        assert line[link.column - 1:].startswith(link.url), (link, line)
    urls = {link.url for link in links}
    # Every page of the source registry (and its other language version).
    every_source = {url for s in REGISTRY.values() for url in [s["url"]] + ([s["also_in"]["url"]] if s.get("also_in") else [])}
    assert every_source <= urls and len(every_source) == len(REGISTRY)
    sources_file = [link for link in links if link.file == "data/sources.yml"]
    assert {link.url for link in sources_file} == every_source
    assert {p["url"] for p in load_data("partners")["partners"]} <= urls


def test_the_archived_copy_of_a_link_is_listed_with_it(record_copy: Path) -> None:
    result = subprocess.run([sys.executable, "scripts/data_links.py", "--json"], cwd=record_copy, capture_output=True, text=True, check=True)
    llpa = [link for link in json.loads(result.stdout) if link["file"] == "data/partners.yml" and link["url"] == "https://llpa.lv"]
    assert [link["archived"] for link in llpa] == [ARCHIVE]
    missing = subprocess.run([sys.executable, "scripts/data_links.py", "--no-archive"], cwd=record_copy, capture_output=True, text=True, check=True)
    assert re.search(r"^data/partners\.yml:\d+:\d+: https://www\.lps\.lv$", missing.stdout, re.M)  # no archived copy yet
    assert not re.search(r"^data/partners\.yml:\d+:\d+: https://llpa\.lv$", missing.stdout, re.M)
