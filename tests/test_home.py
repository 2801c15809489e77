"""The home page of each language as a reader gets it: the front door with a
layout of its own, the facts at a glance (what, for whom, when, with whom,
with how much money), the ten results linked to their sections, the
timeline's milestones with their dates, and the four ways into the record;
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
WAYS_IN = ("activities/", "results/", "documents/", "timeline/")


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
    assert _text(goal) == project["goal"][lang]
    assert project["target_groups"]["primary"][lang][1:] in _text(for_whom)
    assert project["target_groups"]["secondary"][lang] in _text(for_whom)
    assert typography.format_period(project["period"]["start"], project["period"]["end"], lang) in _text(when)
    assert project["contract"]["number"] in _text(when)
    assert typography.format_date(project["contract"]["signed"], lang, "in") in _text(when)
    links = {_target(lang, a["href"])[0]: _text(a) for a in who.select("a")}
    expected = {LANGUAGE_PREFIX[lang] + f"partners/{pid}/": f"{partners[pid]['name'][lang]} ({partners[pid]['abbreviation'][lang]})"
                for pid in [project["promoter"], *project["partners"]]}
    assert links == expected
    budget = project["budget"]
    for amount in (budget["total_eligible"], budget["grant"], budget["national_cofinancing"]):
        assert typography.format_money(amount, lang) in money.get_text(), amount
    assert typography.format_money(budget["initial_cost_fmo_archive"], lang) not in money.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ten_results_link_to_their_sections(site: Path, lang: str) -> None:
    results = load_data("results")["results"]
    items = _home(site, lang).select(".home-results ol > li")
    assert len(items) == len(results) == 10
    results_page = _page(site, LANGUAGE_PREFIX[lang] + "results/")
    for item, result in zip(items, results):
        link = item.find("a")
        assert _text(link) == result["title"][lang]
        address, fragment = _target(lang, link["href"])
        assert (address, fragment) == (LANGUAGE_PREFIX[lang] + "results/", result["id"])
        assert results_page.find(id=fragment) is not None, fragment


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
def test_the_four_ways_in(site: Path, lang: str) -> None:
    ui = load_data(f"ui/{lang}")
    nav = _home(site, lang).select_one("nav.home-ways")
    heading = _home(site, lang).find(id=nav["aria-labelledby"])
    assert heading.name == "h2" and _text(heading) == ui["home_ways"]
    links = [(_target(lang, a["href"])[0], _text(a.select_one(".home-ways__title"))) for a in nav.select("a")]
    assert links == [
        (LANGUAGE_PREFIX[lang] + way, ui[f"home_way_{way.rstrip('/')}"]) for way in WAYS_IN
    ]
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
    assert lv[0] == ["in-brief", "ways-in", "results", "milestones"]


def test_the_home_pages_are_not_in_the_other_language(site: Path) -> None:
    project = load_data("project")
    for lang, other in (("lv", "en"), ("en", "lv")):
        text = _text(_home(site, lang).select_one("article"))
        assert project["goal"][lang] in text
        assert project["goal"][other] not in text
        for result in load_data("results")["results"]:
            assert result["title"][other] not in text
