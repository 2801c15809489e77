"""The home page of each language as a reader gets it: the front door with a
layout of its own, the facts at a glance (what, for whom, when, with whom,
with how much money) with their citations, the five ways into the record,
the ten results registered with the donor (the plan) beside what the sources
show, the timeline's milestones with their dates, and the page's Sources;
the same content in the same order in both languages, every link leading to
a page (and section) that exists."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, load_data

sys.path.insert(0, str(ROOT / "hooks"))

from helpers import sitedata, typography  # noqa: E402

SITE_PATH = urlsplit(SITE_URL).path
WAYS_IN = ("activities/", "results/", "networks/", "timeline/", "documents/")
REGISTRY = sitedata.load(ROOT / "data").sources
BY_URL = {source["url"]: source_id for source_id, source in REGISTRY.items()}


def _home(site: Path, lang: str) -> BeautifulSoup:
    return BeautifulSoup((site / LANGUAGE_PREFIX[lang] / "index.html").read_text(encoding="utf-8"), "html.parser")


def _target(lang: str, href: str) -> tuple[str, str]:
    """(address below the site root, fragment) a link on the home page leads to."""
    url = urlsplit(urljoin(SITE_URL + LANGUAGE_PREFIX[lang], href))
    assert url.path.startswith(SITE_PATH), href
    return url.path.removeprefix(SITE_PATH), url.fragment


def _page(site: Path, address: str) -> BeautifulSoup:
    file = site / address / "index.html"
    assert file.is_file(), f"/{address} does not exist"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _without_marks(element) -> str:
    copy = BeautifulSoup(str(element), "html.parser")
    for mark in copy.select("sup.cite"):
        mark.decompose()
    return _text(copy)


def _cited(soup: BeautifulSoup, element) -> list[str]:
    """The source ids the citation marks in element lead to (the page's Sources list)."""
    entries = {li["id"]: BY_URL[li.find("a", href=True)["href"]] for li in soup.select("article ol.sources > li")}
    return [entries[a["href"].removeprefix("#")] for a in element.select("sup.cite a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_layout_of_its_own(site: Path, lang: str) -> None:
    soup = _home(site, lang)
    # No documentation side columns: Material hides both (on a phone the
    # navigation drawer, a fixed panel, still opens from the menu button).
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")
    assert soup.select_one("article .home") is not None
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert any(href.endswith("assets/stylesheets/home.css") for href in stylesheets), stylesheets
    assert (site / "assets/stylesheets/home.css").is_file()
    # Only the home pages load it.
    about = _page(site, LANGUAGE_PREFIX[lang] + "about/")
    assert not [link for link in about.select('link[rel="stylesheet"]') if "home.css" in link["href"]]
    assert about.select_one(".md-sidebar--secondary").has_attr("hidden") is False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_facts_at_a_glance(site: Path, lang: str) -> None:
    project = load_data("project")
    partners = {p["id"]: p for p in load_data("partners")["partners"]}
    glance = _home(site, lang).select_one("dl.home-glance")
    assert glance is not None
    facts = {_text(item.dt): item.dd for item in glance.select("div")}
    assert len(facts) == 5, list(facts)
    goal, for_whom, when, who, money = facts.values()
    assert _without_marks(goal) == project["goal"][lang]
    # Each fact cites the sources data/project.yml gives for it.
    soup = _home(site, lang)
    cited = project["sources"]
    assert _cited(soup, goal) == cited["goal"] and _cited(soup, for_whom) == cited["target_groups"]
    assert _cited(soup, when) == cited["period"] + cited["contract"]
    assert _cited(soup, who) == cited["partners"] and _cited(soup, money) == cited["budget"]
    assert project["target_groups"]["primary"][lang][1:] in _text(for_whom)
    assert project["target_groups"]["secondary"][lang] in _text(for_whom)
    assert typography.format_period(project["period"]["start"], project["period"]["end"], lang) in _text(when)
    assert project["contract"]["number"] in _text(when)
    assert typography.format_date(project["contract"]["signed"], lang, "in") in _text(when)
    links = {_target(lang, a["href"])[0]: _text(a) for a in who.select("a") if not a.find_parent("sup")}
    expected = {LANGUAGE_PREFIX[lang] + f"partners/{pid}/": f"{partners[pid]['name'][lang]} ({partners[pid]['abbreviation'][lang]})"
                for pid in [project["promoter"], *project["partners"]]}
    assert links == expected
    budget = project["budget"]
    for amount in (budget["total_eligible"], budget["grant"], budget["national_cofinancing"]):
        assert typography.format_money(amount, lang) in money.get_text(), amount
    assert typography.format_money(budget["initial_cost_fmo_archive"], lang) not in money.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ten_registered_results_link_to_their_sections(site: Path, lang: str) -> None:
    """The plan, labelled as what was registered with the donor, not as what
    was done: each of the ten results links to its section of the results page."""
    ui = load_data(f"ui/{lang}")
    results = load_data("results")["results"]
    home = _home(site, lang)
    plan = home.select_one("section.home-record__plan")
    heading = home.find(id=plan["aria-labelledby"])
    assert heading.name == "h2" and heading in plan.find_all("h2") and _text(heading) == ui["home_results"]
    assert _text(heading) == {"lv": "Donoram reģistrētie rezultāti", "en": "Results registered with the donor"}[lang]
    assert _text(heading.find_next_sibling("p")) == ui["home_results_text"]
    items = plan.select(".home-results ol > li")
    assert len(items) == len(results) == 10
    results_page = _page(site, LANGUAGE_PREFIX[lang] + "results/")
    for item, result in zip(items, results):
        (link,) = item.find_all("a")
        assert _text(item) == _text(link) == result["title"][lang]
        address, fragment = _target(lang, link["href"])
        assert (address, fragment) == (LANGUAGE_PREFIX[lang] + "results/", result["id"])
        assert results_page.find(id=fragment) is not None, fragment
    assert not plan.select("sup.cite"), "the plan's list cites nothing: its sources are on the results page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_sources_show_beside_the_plan(site: Path, lang: str) -> None:
    """Beside the plan, the highlights of data/project.yml: each dated where
    its source dates it, citing its sources, and linking to the page of the
    site that tells more; then a link to what is not yet published."""
    ui = load_data(f"ui/{lang}")
    highlights = load_data("project")["highlights"]
    home = _home(site, lang)
    record = home.select_one("div.home-record")
    plan, evidence = record.find_all("section", recursive=False)
    assert "home-record__plan" in plan["class"] and "home-record__evidence" in evidence["class"]
    heading = home.find(id=evidence["aria-labelledby"])
    assert heading.name == "h2" and heading in evidence.find_all("h2") and _text(heading) == ui["evidence"]
    items = evidence.select(".evidence li")
    assert len(items) == len(highlights) >= 3
    for item, highlight in zip(items, highlights):
        assert highlight["text"][lang] in _without_marks(item)
        assert _cited(home, item) == highlight["sources"]
        time = item.find("time")
        if "date" in highlight:
            assert time["datetime"] == typography.when_iso(highlight["date"])
            assert _text(time) == typography.format_when(highlight["date"], lang, "label")
        else:
            assert time is None
        more = [a for a in item.find_all("a") if not a.find_parent("sup")]
        assert len(more) == 1 and f"({ui['evidence_see']}: {_text(more[0])})" in item.get_text()
        address, fragment = _target(lang, more[0]["href"])
        page, _, anchor = highlight["see"].partition("#")
        assert address == LANGUAGE_PREFIX[lang] + page.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/" and fragment == anchor
        target = _page(site, address)
        assert not fragment or target.find(id=fragment) is not None, highlight["see"]
        # The link says where it leads: the target page's title (SEO's link-text audit).
        assert _text(more[0]) == _text(target.find("h1"))
    gaps = evidence.find_all("a")[-1]
    assert _text(gaps) == ui["home_gaps"] and _target(lang, gaps["href"]) == (LANGUAGE_PREFIX[lang] + "documents/", "gaps")
    assert _page(site, LANGUAGE_PREFIX[lang] + "documents/").find(id="gaps") is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_milestones_with_their_dates(site: Path, lang: str) -> None:
    milestones = [event for event in sitedata.load(ROOT / "data").events if event.get("milestone")]
    assert len(milestones) >= 3
    items = _home(site, lang).select(".home-milestones li")
    assert len(items) == len(milestones)
    timeline = _page(site, LANGUAGE_PREFIX[lang] + "timeline/")
    shown = []
    for item in items:
        link = item.find("a")
        address, fragment = _target(lang, link["href"])
        assert address == LANGUAGE_PREFIX[lang] + "timeline/"
        assert timeline.find(id=fragment) is not None, fragment
        shown.append((fragment, item.find("time")["datetime"], _text(item.find("time")), _text(link)))
    expected = [(event["id"], typography.when_iso(event["date"]), typography.format_when(event["date"], lang, "label", event.get("end")), event["title"][lang])
                for event in milestones]  # oldest first, as the timeline
    assert shown == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_five_ways_in(site: Path, lang: str) -> None:
    ui = load_data(f"ui/{lang}")
    nav = _home(site, lang).select_one("nav.home-ways")
    heading = _home(site, lang).find(id=nav["aria-labelledby"])
    assert heading.name == "h2" and _text(heading) == ui["home_ways"]
    links = [(_target(lang, a["href"])[0], _text(a.select_one(".home-ways__title"))) for a in nav.select("a")]
    assert links == [
        (LANGUAGE_PREFIX[lang] + way, ui[f"home_way_{way.rstrip('/')}"]) for way in WAYS_IN
    ]
    assert len(links) == 5
    texts = [_text(a.select_one(".home-ways__text")) for a in nav.select("a")]
    assert texts == [ui[f"home_way_{way.rstrip('/')}_text"] for way in WAYS_IN]
    for address, _ in links:
        _page(site, address)


def test_same_content_in_the_same_order_in_both_languages(site: Path) -> None:
    def outline(lang: str) -> list:
        soup = _home(site, lang)
        article = soup.select_one("article")
        return [
            [heading["id"] for heading in article.select("h2")],
            [_target(lang, a["href"])[1] or _target(lang, a["href"])[0].removeprefix(LANGUAGE_PREFIX[lang])
             for a in article.select("a[href]") if not a.get("href", "").startswith("http")],
            [time["datetime"] for time in article.select("time")],
        ]

    lv, en = (outline(lang) for lang in LANGUAGES)
    assert lv == en
    assert lv[0] == ["in-brief", "ways-in", "results", "evidence", "milestones", "sources"]


def test_the_home_pages_are_not_in_the_other_language(site: Path) -> None:
    project = load_data("project")
    for lang, other in (("lv", "en"), ("en", "lv")):
        text = _text(_home(site, lang).select_one("article"))
        assert project["goal"][lang] in text
        assert project["goal"][other] not in text
        for result in load_data("results")["results"]:
            assert result["title"][other] not in text
