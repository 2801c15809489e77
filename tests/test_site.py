"""The bilingual site as a reader gets it: pages, languages, switcher, data,
the EEA Grants block, nothing unrendered and nothing from other hosts."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, LANGUAGE_PREFIX, SITE_URL, SitePage, load_data

OTHER = {"lv": "en", "en": "lv"}
SITE_PATH = urlsplit(SITE_URL).path  # "/pasvaldibu-sadarbiba/"


def test_every_page_exists_in_both_languages(site: Path, site_pages: list[SitePage]) -> None:
    """Every page of docs/ and data/ is built in both languages, and the
    build makes no page beyond them (redirect pages aside)."""
    missing = [page.path or "/" for page in site_pages if not page.file.is_file()]
    assert not missing, f"pages not built: {missing}"
    built = {file for file in site.rglob("index.html") if 'name="robots" content="noindex"' not in file.read_text(encoding="utf-8")}
    assert built == {page.file for page in site_pages}


def test_each_search_index_holds_exactly_its_languages_pages(site: Path, site_pages: list[SitePage]) -> None:
    for lang in LANGUAGES:
        index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
        pages = {page.path: page for page in site_pages if page.lang == lang}
        # Records (events, documents, results) are entries of their own, at their heading.
        sections = [doc for doc in index["docs"] if "#" in doc["location"]]
        for doc in sections:
            path, anchor = doc["location"].split("#")
            assert pages[path].soup.find(id=anchor).get_text(" ", strip=True) == doc["title"], doc["location"]
        docs = [doc for doc in index["docs"] if "#" not in doc["location"]]
        assert {doc["location"] for doc in docs} == set(pages), lang
        for doc in docs:
            page = pages[doc["location"]]
            assert page.soup.title.get_text().startswith(doc["title"] + " - "), doc["location"]
            # The first paragraph as the index holds it: without its
            # citation marks (<sup>[1]</sup>), which hooks/search.py leaves out.
            paragraph = BeautifulSoup(str(page.soup.select_one("article p")), "html.parser")
            for mark in paragraph.find_all("sup"):
                mark.decompose()
            # (Compared without whitespace: the index separates the text of
            # each element, "aktivitātes ." where a mark stood before the full stop.)
            first_paragraph = "".join(paragraph.get_text().split())
            assert first_paragraph[:50] in "".join(doc["text"].split()), doc["location"]
        # No citation mark anywhere in the index: "[1]" finds nothing a reader wants.
        marks = [doc["location"] for doc in index["docs"] if re.search(r"\[\d+\]", doc["text"])]
        assert not marks, marks
        cited = [page.path for page in pages.values() if page.soup.select("article sup.cite")]
        assert cited, "no page cites a source: the check above checks nothing"


def test_html_lang_is_that_of_the_page(site_pages: list[SitePage]) -> None:
    wrong = [(p.path, p.soup.html.get("lang")) for p in site_pages if p.soup.html.get("lang") != p.lang]
    assert not wrong


def _switcher_targets(page: SitePage) -> dict[str, str]:
    links = page.soup.select(".md-select__list a[hreflang]")
    return {a["hreflang"]: a["href"] for a in links}


def test_language_switcher_leads_to_the_same_page(site_pages: list[SitePage]) -> None:
    for page in site_pages:
        targets = _switcher_targets(page)
        assert set(targets) == set(LANGUAGES), page.path
        page_url = urljoin(SITE_URL, page.path)
        for lang, href in targets.items():
            expected = SITE_PATH + LANGUAGE_PREFIX[lang] + page.path.removeprefix(LANGUAGE_PREFIX[page.lang])
            assert urlsplit(urljoin(page_url, href)).path == expected, (page.path, lang, href)


def test_interface_text_is_in_the_page_language(site_pages: list[SitePage]) -> None:
    ui = {lang: load_data(f"ui/{lang}") for lang in LANGUAGES}
    for page in site_pages:
        footer = page.soup.select_one(".eea-block").get_text(" ", strip=True)
        assert ui[page.lang]["accessibility_statement"] in footer
        assert ui[OTHER[page.lang]]["accessibility_statement"] not in footer
        skip = page.soup.select_one("a.md-skip").get_text(strip=True)
        assert skip == {"lv": "Pāriet uz saturu", "en": "Skip to content"}[page.lang], page.path
        search = page.soup.select_one("input.md-search__input")["placeholder"]
        assert search == {"lv": "Meklēt", "en": "Search"}[page.lang], page.path


def test_no_latvian_interface_text_on_english_pages(site_pages: list[SitePage]) -> None:
    lv_only = {v for k, v in load_data("ui/lv").items() if v != load_data("ui/en")[k]}
    for page in (p for p in site_pages if p.lang == "en"):
        chrome = " ".join(el.get_text(" ", strip=True) for el in page.soup.select("header, nav, footer, .eea-block"))
        leaked = [text for text in lv_only if re.search(rf"\b{re.escape(text)}\b", chrome)]
        assert not leaked, (page.path, leaked)


def test_eea_block_on_every_page(site: Path, site_pages: list[SitePage]) -> None:
    """Every page a reader can land on: the content pages and the one 404
    page (whose language is the default one until its script runs)."""
    project = load_data("project")
    not_found = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    pages = [(page.soup, page.lang, page.path) for page in site_pages] + [(not_found, not_found.html["lang"], "404.html")]
    for soup, lang, path in pages:
        block = soup.select_one("aside.eea-block")
        assert block is not None, path
        text = block.get_text(" ", strip=True)
        assert project["slogan"][lang] in text, path
        assert project["funding_statement"][lang] in text, path
        logo_link = block.select_one("a.eea-block__logo")
        assert logo_link["href"] == "https://eeagrants.org"
        image = logo_link.find("img")
        if project["eea_grants"]["logo"]:
            assert image is not None and image["alt"]
        else:
            assert image is None and logo_link.get_text(strip=True) == "EEA Grants"
        page_url = urljoin(SITE_URL, path)
        targets = {urlsplit(urljoin(page_url, a["href"])).path for a in block.select(".eea-block__links a")}
        home = SITE_PATH + LANGUAGE_PREFIX[lang]
        assert {home + "accessibility/", home + "privacy/"} <= targets, path


def test_footer_links_stay_in_the_page_language(site_pages: list[SitePage], site: Path) -> None:
    for page in site_pages:
        for a in page.soup.select(".eea-block__links a"):
            target = urlsplit(urljoin(urljoin(SITE_URL, page.path), a["href"])).path
            assert target.startswith(SITE_PATH + LANGUAGE_PREFIX[page.lang]), (page.path, target)
            assert (site / target.removeprefix(SITE_PATH) / "index.html").is_file(), target


@pytest.mark.parametrize("kind,folder,title", [("activities", "activities", "title"), ("partners", "partners", "name")])
def test_every_data_item_has_its_page_in_both_languages(site: Path, kind: str, folder: str, title: str) -> None:
    for item in load_data(kind)[kind]:
        for lang in LANGUAGES:
            page = site / LANGUAGE_PREFIX[lang] / folder / item["id"] / "index.html"
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.h1.get_text(strip=True) == item[title][lang], page
            text = soup.select_one("article").get_text(" ", strip=True)
            assert item["description"][lang] in text, page
            assert item["description"][OTHER[lang]] not in text, page


@pytest.mark.parametrize(
    "kind,page_path,field",
    [
        ("activities", "activities/", "title"),
        ("partners", "partners/", "name"),
        ("results", "results/", "title"),
        ("networks", "networks/", "name"),
    ],
)
def test_overview_pages_list_every_item(site: Path, kind: str, page_path: str, field: str) -> None:
    for lang in LANGUAGES:
        html = (site / LANGUAGE_PREFIX[lang] / page_path / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        text = article.get_text(" ", strip=True)
        for item in load_data(kind)[kind]:
            assert item[field][lang] in text, (lang, kind, item["id"])
            assert article.find(id=item["id"]) is not None, (lang, kind, item["id"])


def test_nothing_unrendered(site: Path) -> None:
    for file in site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, file


# Markdown a reader would see as text: a link "[title](page.md)", an
# attribute list "{: .lead }" or "{#id}", emphasis "**", an md_in_html
# attribute that was not consumed.
MARKDOWN_AS_TEXT = re.compile(r"\]\([^)\s]*\)|\{[:#][^}]*\}|\*\*\w|\bmarkdown=")


def test_no_markdown_is_left_as_text(site_pages: list[SitePage]) -> None:
    """Markdown inside an HTML block that md_in_html was not told to read
    (the home page's results list once showed "[title](results.md#id)")."""
    left = [(page.path, match.group(0)) for page in site_pages
            for match in [MARKDOWN_AS_TEXT.search(page.soup.select_one("article").get_text(" "))] if match]
    assert not left, left
    for page in site_pages:  # and no link still pointing at a Markdown file
        hrefs = [a["href"] for a in page.soup.select("article a[href]") if not urlsplit(a["href"]).scheme and re.search(r"\.md(#|$)", a["href"])]
        assert not hrefs, (page.path, hrefs)


def test_no_external_host_loaded(site: Path) -> None:
    """Nothing a browser loads by itself (scripts, styles, images, fonts,
    frames) comes from another host; links a reader clicks may."""
    loaded = re.compile(r"""<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc=["']([^"']+)|<link\b[^>]*\bhref=["']([^"']+)["'][^>]*>""", re.I)
    for file in site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        for match in loaded.finditer(text):
            url = match.group(1) or match.group(2)
            tag = match.group(0)
            if re.search(r"rel=[\"'](?:alternate|canonical)[\"']", tag):
                continue  # addresses for search engines, not loaded
            host = urlsplit(url).netloc
            assert host in ("", urlsplit(SITE_URL).netloc), (file, url)
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            assert not re.match(r"""["']?(https?:)?//""", url), (css, url)


def test_build_prints_no_end_of_life_banner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs run with the environment scripts/build.py gives it, starting
    from one without the silencing variables (`make` exports them too)."""
    import subprocess
    import sys

    from build import mkdocs_env
    from conftest import ROOT

    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    monkeypatch.delenv("DISABLE_MKDOCS_2_WARNING", raising=False)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=mkdocs_env(), capture_output=True, text=True, check=True,
    )
    output = result.stdout + result.stderr
    assert "Documentation built" in output
    assert "end of life" not in output and "MkDocs 2" not in output and "Zensical" not in output


def test_both_language_trees_have_the_same_pages() -> None:
    from conftest import ROOT

    trees = {lang: {str(p.relative_to(ROOT / "docs" / lang)) for p in (ROOT / "docs" / lang).rglob("*.md")} for lang in LANGUAGES}
    assert trees["lv"] == trees["en"]
    assert len(trees["lv"]) >= 9


# Dates a reader could take two ways: 21/06/2021, 06/2021, 21.06.2021., 06.2021.
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}/(?:19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d\d\b|\b\d{2}\.(?:19|20)\d\d\.")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _visible_text(soup: BeautifulSoup) -> str:
    copy = BeautifulSoup(str(soup.body), "html.parser")
    for hidden in copy.select("script, style, template"):
        hidden.decompose()
    return " ".join(copy.get_text(" ").split())


def test_english_dates_are_written_out(site: Path, site_pages: list[SitePage]) -> None:
    """No numeric date on an English page or in the English feed: "21 June
    2021", never 21/06/2021 (read as two different days on either side of the
    Atlantic) nor the Latvian 21.06.2021."""
    assert NUMERIC_DATE.search("21/06/2021") and NUMERIC_DATE.search("06/2021") and NUMERIC_DATE.search("21.06.2021.")
    english = [page for page in site_pages if page.lang == "en"]
    found = [(page.path, match.group(0)) for page in english for match in NUMERIC_DATE.finditer(_visible_text(page.soup))]
    assert not found, found
    for page in english:
        for time in page.soup.select("article time"):
            text = " ".join(time.get_text().split())
            assert re.fullmatch(r"(?:19|20)\d\d", text) or any(month in text for month in MONTHS), (page.path, text)
    feed = " ".join(ElementTree.fromstring((site / "en" / "feed.xml").read_bytes()).itertext())
    assert "April 2024" in feed
    assert not NUMERIC_DATE.search(feed), NUMERIC_DATE.search(feed)
    # The Latvian pages do write numbers, the English ones words: the cost eligibility period.
    project = load_data("project")
    period = {}
    for page in site_pages:
        if page.source == "about.md":
            label = load_data(f"ui/{page.lang}")["fact_eligibility"]
            period[page.lang] = next(dt for dt in page.soup.select("article dl.facts dt") if dt.get_text() == label).find_next_sibling("dd")
    assert str(project["eligibility"]["start"]) == "2021-06-21" and str(project["eligibility"]["end"]) == "2024-04-20"
    assert period["lv"].get_text().startswith("21.06.2021.–20.04.2024.")
    assert period["en"].get_text().startswith("21 June 2021 – 20 April 2024")


def test_latvian_interface_text_addresses_the_reader_politely(site_pages: list[SitePage]) -> None:
    """Material's Latvian strings, in our copy (overrides/partials/languages/lv.html):
    "Izvēlieties valodu", never the familiar "Izvēlies"."""
    for page in site_pages:
        html = page.file.read_text(encoding="utf-8")
        switcher = page.soup.select_one(".md-header__option .md-header__button")
        if page.lang == "lv":
            assert "Izvēlies " not in html and "Izvēlies\"" not in html, page.path
            assert switcher["aria-label"] == "Izvēlieties valodu", page.path
        else:
            assert "Izvēl" not in html, page.path
            assert switcher["aria-label"] == "Select language", page.path
        assert page.soup.html["lang"] == page.lang
