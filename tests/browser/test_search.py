"""Search in the reader's language, typed into the real search box: each
language loads only its own index, only once the reader types; diacritics
fold on both sides, so "pasvaldibu" finds "pašvaldību"."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import load_data

from .conftest import VIEWPORTS

LATVIAN_DIACRITICS = "āčēģīķļņšūž"
INDEX = {"lv": "search/lv.json", "en": "search/en.json"}
HOME = {"lv": "", "en": "en/"}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


@pytest.fixture
def page(contexts, request):
    viewport = getattr(request, "param", "desktop")
    page = contexts[viewport].new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    page.close()


def open_search(page, url: str):
    page.goto(url)
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phone: the magnifier in the header opens it
        page.locator("label.md-header__button[for=__search]").click()
    box.focus()
    return box


def search(page, url: str, query: str) -> list[str]:
    """Type into the search box like a reader; the addresses of the results."""
    box = open_search(page, url)
    box.fill("")
    box.press_sequentially(query, delay=5)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "placeholder => { const m = document.querySelector('.md-search-result__meta'); return m.textContent.trim() !== placeholder }",
        arg=meta.get_attribute("data-placeholder"),
    )
    return [a.get_attribute("href") for a in page.locator(".md-search-result__list a").all()]


def paths(hrefs: list[str], server: str) -> list[str]:
    return [href.removeprefix(server) for href in hrefs]


@pytest.mark.parametrize("page", list(VIEWPORTS), indirect=True)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_index_of_the_page_language_loaded_only_when_typing(page, server: str, lang: str) -> None:
    box = open_search(page, server + HOME[lang] + "about/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "/search/" in u], "an index was loaded before the reader typed"
    assert box.is_visible()
    box.press_sequentially({"lv": "projekts", "en": "project"}[lang])
    page.wait_for_selector(".md-search-result__list a")
    loaded = [u.removeprefix(server) for u in page.requests if "/search/" in u]
    assert loaded == [INDEX[lang]], loaded


def test_pasvaldibu_finds_pasvaldibu_pages_in_latvian_only(page, server: str, site: Path) -> None:
    results = paths(search(page, server, "pasvaldibu"), server)
    assert results, "no result for pasvaldibu"
    assert not [r for r in results if r.startswith("en/")], results
    docs = json.loads((site / INDEX["lv"]).read_text(encoding="utf-8"))["docs"]
    expected = {d["location"] for d in docs if re.search(r"(?<!\w)pasvaldibu", fold(d["title"] + " " + d["text"]))}
    assert any("pašvaldību" in d["text"] for d in docs if d["location"] in expected)
    assert set(results) == expected or (len(results) == 20 and set(results) < expected), (results, expected)
    # the excerpt shows the word as written, the typed letters highlighted
    assert fold(page.locator(".md-search-result__list mark").first.inner_text()) == "pasvaldibu"


def test_english_page_finds_english_pages_only(page, server: str) -> None:
    results = paths(search(page, server + "en/", "cooperation"), server)
    assert results and all(r.startswith("en/") for r in results), results


def test_latvian_query_on_english_page_finds_no_latvian_page(page, server: str) -> None:
    results = paths(search(page, server + "en/", "pašvaldību sadarbības"), server)
    assert all(r.startswith("en/") for r in results), results


@pytest.mark.parametrize("letter", list(LATVIAN_DIACRITICS))
def test_every_latvian_diacritic_folds(page, server: str, site: Path, letter: str) -> None:
    """For each letter, a word of the Latvian index that holds it, typed
    without diacritics, finds a page holding that word."""
    docs = json.loads((site / INDEX["lv"]).read_text(encoding="utf-8"))["docs"]
    words = {}
    for doc in docs:
        for word in re.findall(r"\w+", doc["title"] + " " + doc["text"]):
            if letter in word.lower() and len(word) > 3:
                words.setdefault(word, set()).add(doc["location"])
    assert words, f"no word with {letter} in the Latvian index"
    word = sorted(words, key=lambda w: (-len(words[w]), w))[0]
    typed = fold(word)
    assert typed.isascii(), typed
    results = set(paths(search(page, server, typed), server))
    assert results & words[word], f"{typed!r} (for {word!r}) found {sorted(results)}, not {sorted(words[word])}"


def test_fold_is_the_same_in_browser_and_python(page, server: str) -> None:
    page.goto(server)
    letters = LATVIAN_DIACRITICS + LATVIAN_DIACRITICS.upper()
    assert page.evaluate("t => window.siteSearchFold(t)", letters) == fold(letters) == "acegiklnsuz" * 2


@pytest.mark.parametrize("activity", [a["id"] for a in load_data("activities")["activities"]])
def test_latvian_title_words_find_their_page_first(page, server: str, activity: str) -> None:
    item = {a["id"]: a for a in load_data("activities")["activities"]}[activity]
    results = paths(search(page, server, item["title"]["lv"]), server)
    assert results[:1] == [f"activities/{activity}/"], results


def test_keyboard_enter_opens_the_first_result(page, server: str) -> None:
    search(page, server, "partneri")
    first = page.locator(".md-search-result__list a").first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Enter")
    page.wait_for_url(first)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_search_asked_in_the_address_runs_at_once(page, server: str, lang: str) -> None:
    """The 404 page's search form sends the reader to the home page with ?q=."""
    page.goto(server + HOME[lang] + "?q=" + {"lv": "pasvaldibu", "en": "governance"}[lang])
    page.wait_for_selector(".md-search-result__list a")
    results = paths([a.get_attribute("href") for a in page.locator(".md-search-result__list a").all()], server)
    assert results and all(r.startswith("en/") == (lang == "en") for r in results), results


def test_each_index_holds_exactly_its_language_pages(site: Path, site_pages) -> None:
    for lang in ("lv", "en"):
        docs = json.loads((site / INDEX[lang]).read_text(encoding="utf-8"))["docs"]
        # The whole record on one page repeats the others: not in the index.
        expected = sorted(page.path for page in site_pages if page.lang == lang and page.source != "record.md")
        # Records (events, documents, results) are entries of their own, at their heading on a page.
        assert sorted(doc["location"] for doc in docs if "#" not in doc["location"]) == expected
        assert {doc["location"].split("#")[0] for doc in docs} == set(expected)
        assert all(doc["title"] and doc["text"] for doc in docs)
        assert not any("&amp;" in doc["title"] or "&#" in doc["title"] for doc in docs)
