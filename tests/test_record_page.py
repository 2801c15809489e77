"""The whole record on one page (/record/, /en/record/; hooks/record.py): every
page of the navigation but the home and contact pages, in its order, each
its own numbered section ending with its own sources; ids unique, links
kept inside the record or made absolute; the edition and how to cite it;
linked from every page's footer, the documents page (with the PDF edition's
measured size) and the home page; left out of the search index.

The PDF edition made from the same sections: tests/test_record_pdf.py. The
browser checks (axe, the content security policy) and the Nu Html Checker
visit the record page with every other page."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, load_data

sys.path.insert(0, str(ROOT / "hooks"))

from helpers import typography  # noqa: E402

NBSP = "\u00a0"
# The reading order: the navigation of mkdocs.yml without these pages.
LEFT_OUT = ("index.md", "contact.md")
GENERATED = {"activities": ("activities", "data/activities.yml"), "partners": ("partners", "data/partners.yml")}


class _Env(yaml.SafeLoader):
    """mkdocs.yml's !ENV [NAME, default]: the default."""


_Env.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def reading_order(lang: str) -> list[tuple[str, list[str]]]:
    """[(page, [its section's other pages])] as the record must show them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Env)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    nav = next(language["nav"] for language in i18n["languages"] if language["locale"] == lang)
    order = []
    for entry in nav:
        if isinstance(entry, str):
            order.append((entry, []))
            continue
        (pages,) = entry.values()
        head = pages[0]
        folder = head.split("/")[0]
        kind, _ = GENERATED[folder]
        order.append((head, [f"{folder}/{item['id']}.md" for item in load_data(kind)[kind]]))
    return [(page, children) for page, children in order if page not in LEFT_OUT]


def address_of(source: str) -> str:
    stem = source.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def soup_at(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def record(site: Path, lang: str) -> BeautifulSoup:
    return soup_at(site, LANGUAGE_PREFIX[lang] + "record/")


def sections(page: BeautifulSoup) -> list[Tag]:
    return page.select("article section.record-section")


def title_of(section: Tag) -> Tag:
    return section.find(["h2", "h3"])


def text(element: Tag) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def own_title(site: Path, lang: str, source: str) -> str:
    return text(soup_at(site, LANGUAGE_PREFIX[lang] + address_of(source)).select_one("article h1"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_in_reading_order_numbered(site: Path, lang: str) -> None:
    expected = []
    for number, (source, children) in enumerate(reading_order(lang), start=1):
        expected.append(("h2", f"{number}. {own_title(site, lang, source)}"))
        expected += [("h3", f"{number}.{index} {own_title(site, lang, child)}") for index, child in enumerate(children, start=1)]
    found = [(title_of(section).name, text(title_of(section))) for section in sections(record(site, lang))]
    assert found == expected
    left_out = {own_title(site, lang, source) for source in ("index.md", "contact.md", "accessibility.md", "privacy.md")}
    assert not [title for _, title in found if title.split(" ", 1)[1] in left_out]
    # Every activity and partner is in it, also those the navigation would not list.
    for kind, field in (("activities", "title"), ("partners", "name")):
        for item in load_data(kind)[kind]:
            assert any(title.endswith(" " + item[field][lang]) for _, title in found), item["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_headings_below_a_page_are_numbered_once(site: Path, lang: str) -> None:
    page = record(site, lang)
    about = page.find(id="about").find_parent("section")
    numbers = [text(h).split(" ", 1)[0] for h in about.find_all("h3") if h.get("id") != "about--sources"]
    assert numbers == [f"1.{n}" for n in range(1, len(numbers) + 1)] and len(numbers) >= 5
    # The results carry their own numbers; the record adds none to them.
    results = page.find(id="results").find_parent("section")
    titles = [text(h) for h in results.find_all("h3")]
    expected = [f"{r['number']}. {r['title'][lang]}" for r in load_data("results")["results"]]
    assert titles[: len(expected)] == expected
    assert not [t for t in map(text, page.select("article h2, article h3, article h4, article h5")) if re.match(r"^\d+(\.\d+)*\.? \d+\. ", t)]
    # "Sources" is never numbered.
    sources_titles = [text(h) for h in page.select("section.record-section [id$='--sources']")]
    assert sources_titles and set(sources_titles) == {load_data(f"ui/{lang}")["sources"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ids_are_unique_and_every_link_leads_somewhere(site: Path, lang: str) -> None:
    page = record(site, lang)
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    body = page.select("section.record-section, nav.record-toc, .record-cite")
    for link in (a for part in body for a in part.find_all("a", href=True)):
        href = link["href"]
        if href.startswith("#"):
            assert page.find(id=href[1:]) is not None, href
            continue
        assert re.match(r"^(https?|mailto):", href), f"a relative link left in the record: {href}"
        if href.startswith(SITE_URL):
            target = urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path)
            path = site / target
            assert (path / "index.html" if target.endswith("/") or not target else path).is_file(), href
    for reference in page.select("section.record-section [aria-labelledby]"):
        assert page.find(id=reference["aria-labelledby"]) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_stay_in_the_record(site: Path, lang: str) -> None:
    """A link to a page of the record leads to its section (and anchor); a
    link to another page of the site, to its absolute address."""
    page = record(site, lang)
    targets = {a["href"] for a in page.select("section.record-section a[href]")}
    in_record = {address_of(source) for source, children in reading_order(lang) for source in [source, *children]}
    for href in targets:
        if href.startswith(SITE_URL):
            address = urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path).removeprefix(LANGUAGE_PREFIX[lang])
            assert address not in in_record, f"{href} is in the record: link to its section"
    about = page.find(id="about").find_parent("section")
    # about.md links to the activities overview and to one of the gaps.
    assert about.find("a", href="#activities") is not None
    assert about.find("a", href="#documents--gap-cooperation-forms") is not None
    assert page.find(id="documents--gap-cooperation-forms") is not None
    assert page.find(id="documents--gaps") is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_section_ends_with_its_own_sources(site: Path, lang: str) -> None:
    page = record(site, lang)
    for section in sections(page):
        anchor = title_of(section)["id"]
        source = next(s for s, children in reading_order(lang) for s in [s, *children]
                      if (address_of(s).strip("/").replace("/", "-") or "home") == anchor)
        own = soup_at(site, LANGUAGE_PREFIX[lang] + address_of(source)).select_one("article ol.sources")
        copied = section.select("ol.sources")
        if own is None:
            assert not copied, anchor
            continue
        assert len(copied) == 1, anchor
        last = [child for child in section.children if isinstance(child, Tag)][-1]
        assert last is copied[0], f"{anchor}: its sources are not at its end"
        assert [a["href"] for a in copied[0].select("li > cite > a, li > a")] == [a["href"] for a in own.select("li > cite > a, li > a")]
        assert [li["id"] for li in copied[0].select("li")] == [f"{anchor}--{li['id']}" for li in own.select("li")]
        # Its citation marks lead to its own list, as they do on the page.
        marks = [a["href"] for a in section.select("sup.cite a")]
        assert marks == [f"#{anchor}--{a['href'][1:]}" for a in soup_at(site, LANGUAGE_PREFIX[lang] + address_of(source)).select("article sup.cite a")]
        assert all(copied[0].find(id=href[1:]) is not None for href in marks), anchor


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_edition_and_how_to_cite(site: Path, lang: str) -> None:
    page = record(site, lang)
    ui = load_data(f"ui/{lang}")
    address = SITE_URL + LANGUAGE_PREFIX[lang] + "record/"
    edition = page.select_one("article p.record-edition")
    paths = [f"docs/{lang}/record.md"]
    for source, children in reading_order(lang):
        for page_source in [source, *children]:
            folder = page_source.split("/")[0]
            own = ROOT / "docs" / lang / page_source
            paths.append(f"docs/{lang}/{page_source}" if own.is_file() else GENERATED[folder][1])
    times = [int(t) for t in (_git("log", "-1", "--format=%ct", "--", path) for path in paths) if t]
    day = datetime.datetime.fromtimestamp(max(times), datetime.timezone.utc).date()
    assert edition.find("time")["datetime"] == day.isoformat()
    assert text(edition.find("time")) == typography.format_date(day, lang, "long").replace(NBSP, " ")
    assert edition.find("code").get_text() == _git("rev-parse", "--short", "HEAD")
    assert edition.find("a")["href"] == address and text(edition.find("a")) == address
    cite = page.select_one("article .record-cite")
    assert text(cite.find("h2")) == ui["record_cite"]
    assert cite.find("a", href=address) is not None
    assert typography.format_date(day, lang, "long") in cite.get_text()
    assert load_data("project")["number"] in cite.get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_its_table_of_contents(site: Path, lang: str) -> None:
    page = record(site, lang)
    toc = page.select_one("article nav.record-toc")
    top = [text(li.find("a")) for li in toc.select(":scope > ol > li")]
    assert top == [text(title_of(s)) for s in sections(page) if title_of(s).name == "h2"]
    for link in toc.select("a"):
        assert page.find(id=link["href"][1:]) is not None
    # Material's side column lists the sections too.
    side = [a["href"] for a in page.select(".md-sidebar--secondary a.md-nav__link")]
    anchors = [title_of(s)["id"] for s in sections(page)]
    assert [f"#{anchor}" for anchor in anchors] == [href for href in side if href[1:] in anchors]


def test_every_page_links_to_the_record_from_its_footer(site_pages) -> None:
    for page in site_pages:
        links = [urljoin(SITE_URL + page.path, a["href"]) for a in page.soup.select(".eea-block__links a")]
        assert SITE_URL + LANGUAGE_PREFIX[page.lang] + "record/" in links, page.path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_documents_page_lists_the_pdf_edition_with_its_size(site: Path, lang: str) -> None:
    ui = load_data(f"ui/{lang}")
    pdf_name = f"{load_data('project')['number']}-{lang}.pdf"
    pdf = site / LANGUAGE_PREFIX[lang] / "record" / pdf_name
    documents = soup_at(site, LANGUAGE_PREFIX[lang] + "documents/")
    entry = documents.find(id="record")
    assert entry.name == "h2" and text(entry) == ui["record_document_title"]
    link = documents.find(id="record-pdf")
    assert urljoin(SITE_URL + LANGUAGE_PREFIX[lang] + "documents/", link["href"]) == SITE_URL + LANGUAGE_PREFIX[lang] + "record/" + pdf_name
    assert link["type"] == "application/pdf" and link["hreflang"] == lang
    size = typography.format_size(pdf.stat().st_size, lang)
    language = ui["in_languages"].format(names=ui[f"language_name_{lang}"])
    assert link.get_text() == f"{ui['record_pdf_link']} (PDF, {size}, {language})"
    # Inside the record (and so the PDF) the entry shows no size.
    inside = record(site, lang).find(id="documents--record-pdf")
    assert inside.get_text() == f"{ui['record_pdf_link']} (PDF, {language})"
    # Not a dated document: no entry in the feed.
    feed = (site / LANGUAGE_PREFIX[lang] / "feed.xml").read_text(encoding="utf-8")
    assert pdf_name not in feed and "/record/" not in feed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_links_to_the_record_and_its_pdf(site: Path, lang: str) -> None:
    home = soup_at(site, LANGUAGE_PREFIX[lang])
    base = SITE_URL + LANGUAGE_PREFIX[lang]
    targets = {urljoin(base, a["href"]) for a in home.select("article a[href]")}
    assert base + "record/" in targets
    assert f"{base}record/{load_data('project')['number']}-{lang}.pdf" in targets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_record_is_left_out_of_the_search_index(site: Path, lang: str) -> None:
    index = json.loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))
    locations = [entry["location"] for entry in index["docs"]]
    assert not [location for location in locations if location.removeprefix(LANGUAGE_PREFIX[lang]).startswith("record/")]
    assert LANGUAGE_PREFIX[lang] + "about/" in locations


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_edition_s_link_on_the_record_page(site: Path, lang: str) -> None:
    page = record(site, lang)
    link = page.select_one("article p.record-download a")
    pdf = site / LANGUAGE_PREFIX[lang] / "record" / link["href"]
    assert pdf.is_file() and link["type"] == "application/pdf"
    assert typography.format_size(pdf.stat().st_size, lang) in link.get_text()


def test_the_pdf_layout_and_fonts_are_not_published(site: Path) -> None:
    assert not (site / "pdf").exists()
    assert not [p for p in site.rglob("*") if p.suffix in (".ttf", ".otf") or p.name == "OFL.txt"]
