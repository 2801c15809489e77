"""The record: dated events on the timeline, documents with what a reader
gets, results with what is publicly known, and the sources of every item.

Most tests read the real site (built once per session); the last ones build
a temporary copy of the project to which the test adds what the repository
does not hold: a document file (its format and size measured by the build),
archived copies of external links, and the examples of CONTRIBUTING.md for
an event, a document and a source.
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


def sources_shown(parts: list[Tag]) -> list[str]:
    return [a["href"] for part in parts for block in ([part] if "sources" in (part.get("class") or []) else part.select(".sources")) for a in block.select("li > a[hreflang]")]


# --- The timeline -------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_is_on_the_timeline_under_its_year_in_order(site: Path, lang: str) -> None:
    events = load_data("events")["events"]
    page = article(site, LANGUAGE_PREFIX[lang] + "timeline/")
    headings = [h for h in page.find_all(["h2", "h3"]) if h.get("id")]
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
def test_every_activity_and_result_lists_its_documents_or_says_there_are_none(site: Path, lang: str) -> None:
    documents = load_data("documents")["documents"]
    ui = yaml.safe_load((ROOT / "data" / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))
    for activity in load_data("activities")["activities"]:
        own = [d for d in documents if activity["id"] in d.get("activities", []) or set(activity["results"]) & set(d.get("results", []))]
        parts = section(article(site, f"{LANGUAGE_PREFIX[lang]}activities/{activity['id']}/"), "documents")
        if own:
            assert all(any(d["title"][lang] in a.get_text() for a in links_of(parts)) for d in own), activity["id"]
        else:
            assert ui["no_documents"] in text_of(parts), activity["id"]
    results_page = article(site, LANGUAGE_PREFIX[lang] + "results/")
    for document in documents:
        for result_id in document.get("results", []):
            assert any(document["title"][lang] in a.get_text() for a in links_of(section(results_page, result_id)))


# --- Results ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_result_says_what_is_known_and_what_is_not(site: Path, lang: str) -> None:
    page = article(site, LANGUAGE_PREFIX[lang] + "results/")
    for result in load_data("results")["results"]:
        parts = section(page, result["id"])
        text = text_of(parts)
        assert result["description"][lang].replace(NBSP, " ") in text, result["id"]
        if "not_published" in result:
            assert result["not_published"][lang] in text, result["id"]
        activity = f"activities/{result['activity']}/"
        assert any(str(resolves_to(site, LANGUAGE_PREFIX[lang] + "results/", a["href"])).endswith(activity + "index.html") for a in links_of(parts))
        assert sources_shown(parts) == [s["url"] for s in result["sources"]], result["id"]


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
    survey_links = {a["href"].split("#")[1] for a in links_of(section(about, "surveys")) if "#" in a["href"]}
    assert survey_links == {"residents-survey-2021", "residents-survey-2023"}
    networks = text_of([article(site, LANGUAGE_PREFIX[lang] + "networks/")])
    assert "12" in networks
    assert ("politiķi" in networks and "speciālisti" in networks) if lang == "lv" else ("politicians" in networks and "specialists" in networks)
    assert ("seminārā" in networks) if lang == "lv" else ("seminar" in networks)


# --- Sources ------------------------------------------------------------------

def _pages_and_items():
    """(page address without language, anchor or None, the data item) for every item."""
    yield "about/", "sources", load_data("project")
    for kind, folder in (("activities", "activities"), ("partners", "partners")):
        for item in load_data(kind)[kind]:
            yield f"{folder}/{item['id']}/", "sources", item
    for kind, address in (("results", "results/"), ("events", "timeline/"), ("documents", "documents/")):
        for item in load_data(kind)[kind]:
            yield address, item["id"], item


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_item_shows_its_sources(site: Path, lang: str) -> None:
    for address, anchor, item in _pages_and_items():
        parts = section(article(site, LANGUAGE_PREFIX[lang] + address), anchor)
        assert sources_shown(parts) == [s["url"] for s in item["sources"]], (address, anchor)
    networks = sources_shown([article(site, LANGUAGE_PREFIX[lang] + "networks/")])
    assert set(networks) == {s["url"] for n in load_data("networks")["networks"] for s in n["sources"]}
    assert len(networks) == len(set(networks)), "a page lists each source once"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_source_shows_its_title_publisher_and_language(site: Path, lang: str) -> None:
    event = next(e for e in load_data("events")["events"] if e["id"] == "mid-term-workshop")
    source = event["sources"][0]
    item = article(site, LANGUAGE_PREFIX[lang] + "timeline/").find("a", href=source["url"]).parent
    link = item.find("a")
    assert link.get_text() == source["title"] and link["lang"] == link["hreflang"] == source["language"] == "lv"
    expected = f"{source['title']} — {source['publisher']}" + ("" if lang == "lv" else " (in Latvian)")
    assert item.get_text() == expected


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


def run(project: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    env = {"SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def record_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("record") / "project")
    # The guide's event and document, each appended as the guide says.
    for file in ("data/events.yml", "data/documents.yml"):
        (example,) = guide_blocks(f"guide-example: {file}")
        with (project / file).open("a", encoding="utf-8") as data_file:
            data_file.write(example)
    # The guide's source, under the sources of an activity.
    (source,) = guide_blocks("guide-source-example")
    activities = (project / "data" / "activities.yml").read_text(encoding="utf-8")
    anchor = "    results: [pilot-actions]\n    sources:\n"
    assert anchor in activities
    (project / "data" / "activities.yml").write_text(activities.replace(anchor, anchor + source), encoding="utf-8")
    # A document kept in the repository, and archived copies of a partner's site and a project link.
    (project / "data" / "documents").mkdir()
    (project / "data" / "documents" / "ziņojums-2024.pdf".replace("ņ", "n")).write_bytes(PDF)
    with (project / "data" / "documents.yml").open("a", encoding="utf-8") as data_file:
        data_file.write(
            "  - id: test-report\n    title:\n      lv: Pārbaudes ziņojums\n      en: Test report\n"
            "    languages: [lv]\n    kind: report\n    date: 2024-04\n    results: [pilot-actions]\n"
            "    file: zinojums-2024.pdf\n    sources:\n      - url: https://www.example.org/report\n"
            "        title: Report\n        publisher: example.org\n        language: en\n"
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
    (source,) = guide_blocks("guide-source-example")
    source = yaml.safe_load(source)[0]
    for lang in LANGUAGES:
        partner = article(site, LANGUAGE_PREFIX[lang] + "partners/llpa/").find("a", href=ARCHIVE)
        assert partner is not None and partner.get_text() == label[lang]
        assert partner.find_previous_sibling("a")["href"] == "https://llpa.lv"
        activity = article(site, LANGUAGE_PREFIX[lang] + "activities/pilot-actions/").find("a", href=source["archived"])
        assert activity is not None and activity.get_text() == label[lang]
        assert activity.find_previous_sibling("a")["href"] == source["url"]
        document = article(site, LANGUAGE_PREFIX[lang] + "documents/").find("a", href=DOCUMENT_ARCHIVE)
        assert document is not None and document.get_text() == label[lang]
        assert document.find_previous_sibling("a")["href"] == load_data("documents")["documents"][0]["url"]


def test_the_guide_adds_an_event_a_document_and_a_source(record_copy: Path) -> None:
    site = record_copy / "site"
    event = yaml.safe_load(guide_blocks("guide-example: data/events.yml")[0])[0]
    document = yaml.safe_load(guide_blocks("guide-example: data/documents.yml")[0])[0]
    (source,) = guide_blocks("guide-source-example")
    source = yaml.safe_load(source)[0]
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
        activity = article(site, LANGUAGE_PREFIX[lang] + "activities/pilot-actions/")
        assert source["url"] in sources_shown(section(activity, "sources"))


# --- External links of data/, for the scheduled link check -------------------

def test_every_external_link_of_data_is_listed_at_its_line() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from data_links import data_links

    links = data_links()
    for link in links:
        line = (ROOT / link.file).read_text(encoding="utf-8").splitlines()[link.line - 1]
        assert line[link.column - 1:].startswith(link.url), (link, line)
    urls = {link.url for link in links}
    every_source = {s["url"] for kind in ("activities", "results", "networks", "partners", "events", "documents") for item in load_data(kind)[kind] for s in item["sources"]}
    assert every_source | {s["url"] for s in load_data("project")["sources"]} <= urls
    assert {p["url"] for p in load_data("partners")["partners"]} <= urls


def test_the_archived_copy_of_a_link_is_listed_with_it(record_copy: Path) -> None:
    result = subprocess.run([sys.executable, "scripts/data_links.py", "--json"], cwd=record_copy, capture_output=True, text=True, check=True)
    llpa = [link for link in json.loads(result.stdout) if link["file"] == "data/partners.yml" and link["url"] == "https://llpa.lv"]
    assert [link["archived"] for link in llpa] == [ARCHIVE]
    missing = subprocess.run([sys.executable, "scripts/data_links.py", "--no-archive"], cwd=record_copy, capture_output=True, text=True, check=True)
    assert re.search(r"^data/partners\.yml:\d+:\d+: https://www\.lps\.lv$", missing.stdout, re.M)  # no archived copy yet
    assert not re.search(r"^data/partners\.yml:\d+:\d+: https://llpa\.lv$", missing.stdout, re.M)
