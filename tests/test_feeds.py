"""The Atom feeds, /feed.xml and /en/feed.xml, as a feed reader gets them:
they parse without an error (feedparser), hold the record's dated events
and documents in their own language only, newest first, with the dates of
the data and ids that do not change with the site's address; every page
links its language's feed. (Two builds give the same bytes: the feeds are
among the files test_addresses.py compares build against build.)"""

from __future__ import annotations

import calendar
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, SitePage, copy_project, load_data

sys.path.insert(0, str(ROOT / "hooks"))

from build import build_into  # noqa: E402

import feeds as feeds_hook  # noqa: E402
from helpers import published, sitedata  # noqa: E402

FEEDS = {lang: LANGUAGE_PREFIX[lang] + "feed.xml" for lang in LANGUAGES}
OTHER = {"lv": "en", "en": "lv"}
PAGES = {"events": "timeline/", "documents": "documents/"}
REGISTRY = sitedata.load(ROOT / "data").sources


@pytest.fixture(scope="module")
def feeds(site: Path) -> dict[str, feedparser.FeedParserDict]:
    return {lang: feedparser.parse((site / path).read_bytes()) for lang, path in FEEDS.items()}


def _dated() -> dict[str, dict[str, dict]]:
    """{kind: {id: item}} of everything the feeds should hold."""
    return {
        "events": {event["id"]: event for event in load_data("events")["events"]},
        "documents": {doc["id"]: doc for doc in load_data("documents")["documents"] if "date" in doc},
    }


def _kind_and_id(lang: str, link: str) -> tuple[str, str]:
    url = urlsplit(link)
    address = url.path.removeprefix(urlsplit(SITE_URL).path).removeprefix(LANGUAGE_PREFIX[lang])
    kind = next(kind for kind, page in PAGES.items() if page == address)
    return kind, url.fragment


def _date_parts(value) -> tuple[int, int | None, int | None]:
    text = str(value)
    parts = [int(part) for part in text.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def test_the_parser_reports_a_broken_feed(site: Path) -> None:
    """feedparser really looks: a feed with one tag missing is an error."""
    broken = (site / FEEDS["en"]).read_bytes().replace(b"</entry>", b"", 1)
    assert feedparser.parse(broken).bozo


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_feed_parses_without_an_error(feeds: dict, lang: str) -> None:
    parsed = feeds[lang]
    assert not parsed.bozo, f"/{FEEDS[lang]}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    assert parsed.feed.title and parsed.feed.author
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.updated and entry.link, entry


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dated_entries_in_the_feeds_language_only(feeds: dict, lang: str) -> None:
    dated = _dated()
    entries = feeds[lang].entries
    found = {_kind_and_id(lang, entry.link) for entry in entries}
    assert found == {(kind, item_id) for kind, items in dated.items() for item_id in items}
    assert len(entries) == len(found), "an item appears twice"
    assert dated["events"] and dated["documents"], "the data has dated events and documents"
    for entry in entries:
        kind, item_id = _kind_and_id(lang, entry.link)
        item = dated[kind][item_id]
        assert entry.title == item["title"][lang]
        content = entry.content[0]
        assert content.language == lang
        text = BeautifulSoup(content.value, "html.parser").get_text(" ", strip=True)
        if "summary" in item:
            assert item["summary"][lang] in text
            if item["summary"][OTHER[lang]] != item["summary"][lang]:
                assert item["summary"][OTHER[lang]] not in text
        # Its sources, by the registry (data/sources.yml): the page, its
        # title (marked with its language) or our description in the
        # feed's language, and the publisher's name in the feed's language.
        links = BeautifulSoup(content.value, "html.parser").select("a[href]")
        assert [a["href"] for a in links] == [REGISTRY[source_id]["url"] for source_id in item["sources"]], item_id
        for link, source_id in zip(links, item["sources"]):
            source = REGISTRY[source_id]
            assert link["hreflang"] == source["language"]
            if "title" in source:
                assert link.get_text() == source["title"] and link["lang"] == source["language"]
            else:
                assert link.get_text() == source["description"][lang] and not link.get("lang")
            publisher = source["publisher_name"]
            assert f"({publisher[lang]})" in link.parent.get_text()
            if publisher[OTHER[lang]] != publisher[lang]:  # outside the titles, quoted in their own language
                unquoted = BeautifulSoup(str(link.parent), "html.parser")
                for quoted in unquoted.select("[lang]"):
                    quoted.decompose()
                assert publisher[OTHER[lang]] not in unquoted.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_newest_first_with_the_dates_of_the_data(feeds: dict, site: Path, lang: str) -> None:
    dated = _dated()
    entries = feeds[lang].entries
    times = [entry.updated_parsed for entry in entries]
    assert times == sorted(times, reverse=True)
    assert feeds[lang].feed.updated == entries[0].updated, "the feed is as new as its newest entry, not the build"
    for entry in entries:
        kind, item_id = _kind_and_id(lang, entry.link)
        year, month, day = _date_parts(dated[kind][item_id]["date"])
        updated = entry.updated_parsed
        # A month or a year stands for its last day, where the timeline puts it.
        expected_month = month or 12
        expected_day = day or calendar.monthrange(year, expected_month)[1]
        assert (updated.tm_year, updated.tm_mon, updated.tm_mday) == (year, expected_month, expected_day), item_id
    # The timeline's order, reversed.
    timeline = BeautifulSoup((site / LANGUAGE_PREFIX[lang] / "timeline/index.html").read_text(encoding="utf-8"), "html.parser")
    on_timeline = [element["id"] for element in timeline.select("article [id]") if element["id"] in dated["events"]]
    in_feed = [item_id for kind, item_id in (_kind_and_id(lang, entry.link) for entry in entries) if kind == "events"]
    assert in_feed == on_timeline[::-1]


def test_entry_ids_are_unique_and_do_not_follow_the_address(feeds: dict) -> None:
    ids = [entry.id for lang in LANGUAGES for entry in feeds[lang].entries]
    assert len(ids) == len(set(ids))
    assert all(entry_id.startswith("tag:") for entry_id in ids)
    # The same entries for a site moved to a custom domain: other links, the same ids.
    data = sitedata.load(ROOT / "data")
    langs = published.languages_of(ROOT)
    for lang in LANGUAGES:
        here = feeds_hook.entries(data, lang, published.Site(langs, SITE_URL))
        moved = feeds_hook.entries(data, lang, published.Site(langs, "https://example.lv/"))
        assert [entry["id"] for entry in moved] == [entry["id"] for entry in here] == [entry.id for entry in feeds[lang].entries]
        assert all(entry["href"].startswith("https://example.lv/") for entry in moved)


# Changed in a copy of the project: an event's and a document's title and date.
CHANGES = {
    "data/events.yml": [("    date: 2021-07-26\n    milestone: true\n", "    date: 2021-08-03\n    milestone: true\n"),
                        ("lv: Parakstīts projekta līgums EEZ/INP/03\n", "lv: Parakstīts līgums EEZ/INP/03\n"),
                        ("en: Project contract EEZ/INP/03 signed\n", "en: Contract EEZ/INP/03 signed\n")],
    "data/documents.yml": [("    date: 2024-04-03\n", "    date: 2024-03\n"),
                           ("      en: Latvijas valstspilsētu darbības stratēģija 2027 – the operational strategy",
                            "      en: Latvijas valstspilsētu darbības stratēģija 2027 – the strategy")],
}
CHANGED = {("events", "contract-signed"), ("documents", "state-cities-strategy-2027")}
MOVED_URL = "https://pasvaldibu-sadarbiba.example.org/"


def _entries_by_item(feed: feedparser.FeedParserDict) -> dict[tuple[str, str], feedparser.FeedParserDict]:
    """Each entry by its item (kind and id, read from its link's page and fragment)."""
    found = {}
    for entry in feed.entries:
        url = urlsplit(entry.link)
        (kind,) = [kind for kind, page in PAGES.items() if url.path.endswith("/" + page)]
        found[(kind, url.fragment)] = entry
    return found


def test_entry_ids_stay_when_a_title_a_date_and_the_address_change(feeds: dict, tmp_path: Path) -> None:
    """What hooks/feeds.py promises: a reader's feed client keeps its read
    entries when an editor corrects a title or a date, or the site moves to
    a custom domain. A copy with both changed is built at another address."""
    copy = copy_project(tmp_path / "project")
    for name, replacements in CHANGES.items():
        text = (copy / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"{name} no longer has {old!r}: update this test"
            text = text.replace(old, new)
        (copy / name).write_text(text, encoding="utf-8")
    build_into(copy / "site", MOVED_URL, root=copy)
    for lang in LANGUAGES:
        before = _entries_by_item(feeds[lang])
        after = _entries_by_item(feedparser.parse((copy / "site" / FEEDS[lang]).read_bytes()))
        assert sorted(after) == sorted(before) and CHANGED <= set(after)
        assert {item: entry.id for item, entry in after.items()} == {item: entry.id for item, entry in before.items()}
        # Not vacuous: the changes reached the feed.
        for item in CHANGED:
            assert after[item].link.startswith(MOVED_URL) and before[item].link.startswith(SITE_URL)
            assert after[item].updated != before[item].updated, item
        assert after[("events", "contract-signed")].title != before[("events", "contract-signed")].title
        if lang == "en":
            assert after[("documents", "state-cities-strategy-2027")].title != before[("documents", "state-cities-strategy-2027")].title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_links_lead_to_pages_of_its_language(feeds: dict, site: Path, lang: str) -> None:
    feed = feeds[lang].feed
    links = {(link.rel, link.type, link.get("hreflang")): link.href for link in feed.links}
    assert links[("self", "application/atom+xml", lang)] == SITE_URL + FEEDS[lang]
    assert links[("alternate", "text/html", lang)] == SITE_URL + LANGUAGE_PREFIX[lang] + "timeline/"
    assert links[("alternate", "application/atom+xml", OTHER[lang])] == SITE_URL + FEEDS[OTHER[lang]]
    for entry in feeds[lang].entries:
        kind, item_id = _kind_and_id(lang, entry.link)
        page = site / LANGUAGE_PREFIX[lang] / PAGES[kind] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find(id=item_id) is not None, entry.link
        assert soup.html["lang"] == lang


def test_every_page_links_its_languages_feed(site_pages: list[SitePage]) -> None:
    ui = {lang: load_data(f"ui/{lang}") for lang in LANGUAGES}
    for page in site_pages:
        links = page.soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        # No hreflang: that would make the feed a language version of the page.
        assert [(link.get("hreflang"), link["href"], link["title"]) for link in links] == [
            (None, SITE_URL + FEEDS[page.lang], ui[page.lang]["feed_link_title"])
        ], page.path


def test_the_feeds_are_published_addresses(site: Path) -> None:
    manifest = (ROOT / "data" / "addresses.txt").read_text(encoding="utf-8").splitlines()
    for path in FEEDS.values():
        assert "/" + path in manifest
        text = (site / path).read_text(encoding="utf-8")
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')
    # The template (overrides/feed.xml) is no file of the site: MkDocs
    # would copy it over the Latvian feed.
    for path in FEEDS.values():
        assert "{{" not in (site / path).read_text(encoding="utf-8")
