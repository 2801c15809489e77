"""What search engines and link previews read, page by page: a unique title
and description in the page's language, Open Graph, JSON-LD about the project
and its partners; and the Latvian and English typography of the home page."""

from __future__ import annotations

import json
import re
import struct
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

from conftest import LANGUAGES, SITE_URL, SitePage, load_data

OG_LOCALE = {"lv": "lv_LV", "en": "en_GB"}
OG_IMAGE = "assets/images/og-image.png"
NBSP = "\u00a0"


def meta(page: SitePage, **attrs: str) -> list[str]:
    return [tag["content"] for tag in page.soup.find_all("meta", attrs=attrs)]


def test_titles_and_descriptions_are_unique(site_pages: list[SitePage]) -> None:
    titles = Counter(page.soup.title.get_text() for page in site_pages)
    descriptions = Counter(tuple(meta(page, name="description")) for page in site_pages)
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1 or len(d) != 1 or len(d[0]) < 20] == []


def test_title_and_description_in_the_page_language(site_pages: list[SitePage]) -> None:
    project = load_data("project")
    for page in site_pages:
        title = page.soup.title.get_text()
        assert title.endswith(project["title"][page.lang]), (page.path, title)
        heading = page.soup.select_one("article h1").get_text(strip=True)
        other = [p for p in site_pages if p.source == page.source and p.lang != page.lang][0]
        assert meta(page, name="description") != meta(other, name="description"), page.path
        assert heading, page.path


def test_open_graph(site_pages: list[SitePage]) -> None:
    project = load_data("project")
    for page in site_pages:
        def og(name: str) -> list[str]:
            return meta(page, property=f"og:{name}")

        canonical = urljoin(SITE_URL, page.path)
        assert og("url") == [canonical], page.path
        assert page.soup.find("link", rel="canonical")["href"] == canonical
        assert og("title") and og("title")[0] in page.soup.title.get_text(), page.path
        assert og("description") == meta(page, name="description"), page.path
        assert og("site_name") == [project["title"][page.lang]], page.path
        assert og("type") == ["website"]
        assert og("image") == [SITE_URL + OG_IMAGE]
        assert og("image:alt") and og("image:alt")[0] == load_data(f"ui/{page.lang}")["og_image_alt"]
        assert og("locale") == [OG_LOCALE[page.lang]], page.path
        assert og("locale:alternate") == [OG_LOCALE[lang] for lang in LANGUAGES if lang != page.lang], page.path


def test_sharing_image_is_the_sites_own_1200x630_png(site: Path) -> None:
    data = (site / OG_IMAGE).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def test_json_ld_describes_the_project_and_partners(site_pages: list[SitePage]) -> None:
    project = load_data("project")
    partners = load_data("partners")["partners"]
    for page in site_pages:
        scripts = page.soup.find_all("script", type="application/ld+json")
        if page.source == "record.md":
            continue  # the record's own: test_json_ld_of_the_record_names_its_pdf
        if page.source != "index.md":
            assert not scripts, page.path  # once per language, on its home page
            continue
        assert len(scripts) == 1, page.path
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Project"
        assert data["name"] == project["title"][page.lang]
        assert data["identifier"] == "LV-LOCALDEV-0006"
        assert data["url"] == SITE_URL + ("en/" if page.lang == "en" else "")
        assert [m["name"] for m in data["member"]] == [p["name"][page.lang] for p in partners]
        assert [m["url"] for m in data["member"]] == [p["url"] for p in partners]
        assert data["funder"]["url"] == project["eea_grants"]["url"]


def test_json_ld_of_the_record_names_its_pdf(site: Path, site_pages: list[SitePage]) -> None:
    """The whole record on one page describes itself, its edition and its
    PDF edition (`encoding`, a MediaObject)."""
    project = load_data("project")
    records = [page for page in site_pages if page.source == "record.md"]
    assert len(records) == 2
    for page in records:
        scripts = page.soup.find_all("script", type="application/ld+json")
        assert len(scripts) == 1, page.path
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
        assert data["url"] == data["@id"] == SITE_URL + page.path
        assert data["inLanguage"] == page.lang
        assert data["about"]["identifier"] == project["number"] and data["about"]["@id"] == SITE_URL + "#project"
        assert data["publisher"]["name"] == next(p for p in load_data("partners")["partners"] if p["id"] == project["promoter"])["name"][page.lang]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["dateModified"]) and data["version"]
        pdf = site / page.path / f"{project['number']}-{page.lang}.pdf"
        encoding = data["encoding"]
        assert encoding["@type"] == "MediaObject" and encoding["encodingFormat"] == "application/pdf"
        assert encoding["contentUrl"] == SITE_URL + page.path + pdf.name and pdf.is_file()
        assert encoding["contentSize"] == f"{(pdf.stat().st_size + 500) // 1000} kB"


def _text(page: SitePage) -> str:
    return page.soup.select_one("article").get_text(" ")


def test_amounts_dates_quotes_and_lists_in_each_language(site_pages: list[SitePage]) -> None:
    home = {p.lang: _text(p) for p in site_pages if p.source == "index.md"}
    assert f"1{NBSP}062{NBSP}500{NBSP}EUR" in home["lv"]
    assert f"EUR{NBSP}1,062,500" in home["en"]
    assert "EUR 1,062,500".replace(" ", NBSP) not in home["lv"] and "062 500" not in home["en"]
    assert "LPS, LLPA un KS" in home["lv"] and "LALRG, AMCL and KS" in home["en"]
    about = {p.lang: _text(p) for p in site_pages if p.source == "about.md"}
    assert "2021. gada 26. jūlij" in about["lv"] + home["lv"]
    assert "„Vietējā attīstība, nabadzības mazināšana un kultūras sadarbība”" in about["lv"] + home["lv"]


def test_no_short_cldr_dates_and_no_plain_spaces_in_amounts(site_pages: list[SitePage]) -> None:
    for page in site_pages:
        text = _text(page)
        assert not re.search(r"(?<![\d.])\d{1,2}\.\d{2}\.\d{2}(?![\d.])", text), (page.path, re.findall(r"\d{1,2}\.\d{2}\.\d{2}\b", text))
        if page.lang == "lv":
            assert not re.search(r"\d \d{3}(?!\d)[ \u00a0]?EUR", text), page.path


def test_sharing_image_is_made_from_the_committed_svg(tmp_path: Path, monkeypatch) -> None:
    """scripts/og_image.py --check: the PNG carries the digest of its SVG."""
    import og_image

    assert og_image.stored_digest() == og_image.source_digest()
    changed = tmp_path / "og-image.svg"
    changed.write_bytes(og_image.SVG.read_bytes().replace(b"LV-LOCALDEV-0006", b"LV-LOCALDEV-0007"))
    monkeypatch.setattr(og_image, "SVG", changed)
    monkeypatch.setattr(sys, "argv", ["og_image.py", "--check"])
    assert og_image.main() == 1
