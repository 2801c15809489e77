"""The record's PDF edition in each language (hooks/record_pdf.py), read
with pikepdf (structure) and pypdf (text) from the session's built site:
PDF/A-3a identified in its XMP with its output intent, tagged, in its
language, its title shown as title, bookmarks from the headings, only the
committed fonts and all embedded, live links, every activity and the
budget in the language's own form, the EEA Grants block on its title page,
no heading left alone at the foot of a page, tables within the page, and
the same bytes from a fresh render of the same HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pikepdf
import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, copy_project, load_data

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402  (scripts/build.py)
from helpers import pdf as record_pdf  # noqa: E402
from helpers import typography  # noqa: E402

NBSP = "\u00a0"
MM = 72 / 25.4
MAX_BYTES = 1_500_000
PAGES = range(12, 80)
# The page's margins of overrides/pdf/record.css (top, right, bottom, left).
MARGINS = (22 * MM, 20 * MM, 24 * MM, 20 * MM)
OVERRIDES = ROOT / "overrides" / "pdf"


def pdf_path(site: Path, lang: str) -> Path:
    return site / LANGUAGE_PREFIX[lang] / "record" / f"{load_data('project')['number']}-{lang}.pdf"


@pytest.fixture(scope="module")
def editions(site: Path) -> dict[str, tuple[Path, pikepdf.Pdf, pypdf.PdfReader]]:
    found = {}
    for lang in LANGUAGES:
        path = pdf_path(site, lang)
        found[lang] = (path, pikepdf.open(path), pypdf.PdfReader(path))
    return found


def text_of(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def squeezed(value: str) -> str:
    """Line breaks and runs of ordinary spaces as one space (no-break spaces kept)."""
    return re.sub(r"[ \n\r\t]+", " ", value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_a_3a_with_its_output_intent(editions, lang: str) -> None:
    _, pdf, _ = editions[lang]
    meta = pdf.open_metadata()
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "A")
    intents = pdf.Root.OutputIntents
    assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
    assert intents[0].DestOutputProfile.get("/N") == 3 and len(intents[0].DestOutputProfile.read_bytes()) > 1000
    assert pdf.pdf_version == "1.7"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tagged_in_its_language_its_title_shown(editions, lang: str) -> None:
    _, pdf, _ = editions[lang]
    root = pdf.Root
    assert str(root.Lang) == lang
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    assert "/StructTreeRoot" in root and root.StructTreeRoot.get("/K") is not None
    assert bool(root.MarkInfo.Marked) is True
    title = f"{load_data('project')['title'][lang]} — {load_data(f'ui/{lang}')['record_pdf_name']}"
    assert str(pdf.docinfo.Title) == title
    assert pdf.open_metadata().get("dc:title") == title


def _outline(pdf: pikepdf.Pdf) -> list[tuple[str, list[str]]]:
    with pdf.open_outline() as outline:
        return [(" ".join(item.title.split()), [" ".join(child.title.split()) for child in item.children]) for item in outline.root]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bookmarks_are_the_record_s_sections(editions, site: Path, lang: str) -> None:
    _, pdf, _ = editions[lang]
    page = BeautifulSoup((site / LANGUAGE_PREFIX[lang] / "record" / "index.html").read_text(encoding="utf-8"), "html.parser")
    sections = [" ".join(h.get_text(" ", strip=True).split()) for h in page.select("article section.record-section--level-2 > h2")]
    ui = load_data(f"ui/{lang}")
    outline = _outline(pdf)
    assert [title for title, _ in outline] == [ui["record_cite"], ui["record_contents"], *sections]
    about = dict(outline)[sections[0]]
    assert about[0].startswith("1.1 ") and len(about) >= 5
    activities = dict(outline)[sections[1]]
    titles = [activity["title"][lang] for activity in load_data("activities")["activities"]]
    assert [f"2.{n} {title}" for n, title in enumerate(titles, start=1)] == [t for t in activities if re.match(r"^2\.\d+ ", t)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_the_committed_fonts_all_embedded(editions, lang: str) -> None:
    _, pdf, _ = editions[lang]
    fonts = {}
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            fonts[str(descendant.BaseFont)] = [key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor]
    assert fonts and all(fonts.values()), fonts
    assert all(re.match(r"^/[A-Z]{6}\+Record-Sans(-Bold|-Italic|-Bold-Italic|-BoldItalic)?$", name) for name in fonts), list(fonts)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_and_size(editions, lang: str) -> None:
    path, pdf, _ = editions[lang]
    assert len(pdf.pages) in PAGES
    assert path.stat().st_size <= MAX_BYTES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_are_live(editions, lang: str) -> None:
    _, pdf, _ = editions[lang]
    names = pdf.Root.Names.Dests.Names
    destinations = {str(names[i]) for i in range(0, len(names), 2)}
    web, inside = [], []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                web.append(str(action.URI))
            else:
                inside.append(str(annotation.Dest))
    assert len(web) > 100 and len(inside) > 100
    assert not [name for name in inside if name not in destinations]
    assert all(re.match(r"^(https?|mailto):", uri) for uri in web)
    assert SITE_URL + LANGUAGE_PREFIX[lang] + "record/" in web


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_text_is_the_record_s_in_its_language(editions, site: Path, lang: str) -> None:
    path, _, reader = editions[lang]
    text = squeezed(text_of(reader))
    for activity in load_data("activities")["activities"]:
        assert activity["title"][lang] in text, activity["id"]
    money = {"lv": f"1{NBSP}250{NBSP}000{NBSP}EUR", "en": f"EUR{NBSP}1,250,000"}[lang]
    assert money == typography.format_money(1250000, lang)
    assert money in text
    # Latvian letters come back as letters: every one the record page has.
    letters = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
    page = BeautifulSoup((site / LANGUAGE_PREFIX[lang] / "record" / "index.html").read_text(encoding="utf-8"), "html.parser")
    on_the_page = letters & set(" ".join(s.get_text(" ") for s in page.select("article section.record-section")))
    assert len(on_the_page) >= 10 and on_the_page <= set(text), sorted(on_the_page - set(text))
    if lang == "lv":
        assert "pašvaldību" in text and "Hronoloģija" in text and "Latvijas Lielo pilsētu asociācija" in text
    strange = sorted({c for c in text if unicodedata.category(c) in ("Co", "Cn") or c == "\ufffd"})
    assert not strange, strange
    # No size of its own inside: the documents page's entry shows none here.
    assert typography.format_size(path.stat().st_size, lang) not in text
    ui = load_data(f"ui/{lang}")
    language = ui["in_languages"].format(names=ui[f"language_name_{lang}"])
    assert f"{ui['record_pdf_link']} (PDF, {language})" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_title_page(editions, lang: str) -> None:
    _, _, reader = editions[lang]
    first = squeezed(reader.pages[0].extract_text())
    project = load_data("project")
    ui = load_data(f"ui/{lang}")
    assert project["number"] in first and project["title"][lang] in first
    assert ui["eea_grants_name"] in first
    assert squeezed(project["slogan"][lang]) in first
    assert squeezed(project["funding_statement"][lang]) in first
    assert ui["record_edition"] in first and ui["record_address"] in first
    assert SITE_URL + LANGUAGE_PREFIX[lang] + "record/" in first.replace(" ", "")


def _lines(page: pypdf.PageObject) -> list[tuple[float, bool, str]]:
    """The page's lines of text between its header and footer, top first:
    (height, is it set as a heading — bold and larger than the text —, text)."""
    runs: list[tuple[float, float, bool, str]] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if not text.strip() or font is None:
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        heading = "-Bold" in str(font.get("/BaseFont")) and abs(size * tm[3] * cm[3]) >= 10.8
        runs.append((y, x, heading, text))

    page.extract_text(visitor_text=visit)
    top, _, bottom, _ = MARGINS
    height = float(page.mediabox.height)
    lines: dict[float, list[tuple[float, bool, str]]] = {}
    for y, x, heading, text in runs:
        if bottom < y < height - top:
            key = next((k for k in lines if abs(k - y) < 2), y)
            lines.setdefault(key, []).append((x, heading, text))
    return [(y, all(h for _, h, _ in parts), " ".join("".join(t for _, _, t in sorted(parts)).split()))
            for y, parts in sorted(lines.items(), reverse=True)]


def orphaned_headings(reader: pypdf.PdfReader, first: int = 2) -> list[str]:
    """Pages (from `first`: the title page is all headings) whose last line
    of text is a heading, the last page apart."""
    found = []
    for number, page in enumerate(reader.pages[first - 1:-1], start=first):
        lines = _lines(page)
        if lines and lines[-1][1]:
            found.append(f"page {number}: {lines[-1][2]}")
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_heading_alone_at_the_foot_of_a_page(editions, lang: str) -> None:
    _, _, reader = editions[lang]
    assert orphaned_headings(reader) == []


def _render(html: str, tmp_path: Path, site: Path | None = None) -> bytes:
    site_files = {}
    if site is not None:
        site_files = {SITE_URL + p.relative_to(site).as_posix(): p.read_bytes for p in site.rglob("*") if p.is_file() and p.suffix != ".html"}
    data, _ = record_pdf.render(html, name=f"{load_data('project')['number']}-test", base_url=SITE_URL, css_path=OVERRIDES / "record.css",
                                font_dir=OVERRIDES / "fonts", cache_dir=tmp_path, site_files=site_files)
    return data


def test_the_orphan_check_finds_a_heading_left_alone(tmp_path: Path) -> None:
    """The check above looks at what it must: without `break-after: avoid`
    a heading ends up at the foot of a page, and the check sees it."""
    css = (OVERRIDES / "record.css").read_text(encoding="utf-8").replace("break-after: avoid;", "break-after: auto;")
    loose = tmp_path / "pdf" / "record.css"
    loose.parent.mkdir()
    loose.write_text(css, encoding="utf-8")
    shutil.copytree(OVERRIDES / "fonts", loose.parent / "fonts")
    paragraph = "<p>" + "Pašvaldību sadarbība un laba pārvaldība. " * 12 + "</p>"
    found = []
    for height in range(196, 250, 3):  # the heading's place, down to the foot of the page
        body = f'<div style="height: {height}mm"></div><h3>Virsraksts pēc rindkopām</h3>{paragraph * 3}'
        html = f'<!DOCTYPE html><html lang="lv"><head><title>T</title></head><body><section class="record-section">{body}</section></body></html>'
        data, _ = record_pdf.render(html, name="orphan-test", base_url=SITE_URL, css_path=loose, font_dir=OVERRIDES / "fonts",
                                    cache_dir=tmp_path, site_files={})
        (tmp_path / "orphan.pdf").write_bytes(data)
        found += orphaned_headings(pypdf.PdfReader(tmp_path / "orphan.pdf"), first=1)
    assert found, "no layout left a heading alone: the check cannot be trusted"


def test_a_wide_table_stays_within_the_page(tmp_path: Path) -> None:
    """Seven columns of long words and long addresses: every line of text
    and every link starts and ends inside the page's margins."""
    address = "https://www.lps.lv/lv/projekti/aktivie-projekti/38-latvijas-pasvaldibu-sadarbibas-veicinasana-un-labas-parvaldibas-stiprinasana/7255-seminara"
    word = "Nepārtrauktsvārdsbezatstarpēmkasnedrīkstiziettārlapasmalai"
    rows = "".join(f'<tr><td>Izvērtējums {n}</td><td>Związek Miast Polskich</td><td>2023. gada 12. decembrī</td>'
                   f'<td><a href="{address}">{address}</a></td><td>PDF</td><td>{word}</td><td>{word}{word}</td></tr>' for n in range(30))
    table = "<table><thead><tr>" + "".join(f"<th>Sleja {n}</th>" for n in range(7)) + f"</tr></thead><tbody>{rows}</tbody></table>"
    html = f'<!DOCTYPE html><html lang="lv"><head><title>T</title></head><body><section class="record-section record-section--level-2"><h2>Tabula</h2>{table}</section></body></html>'
    (tmp_path / "wide.pdf").write_bytes(_render(html, tmp_path))
    pdf = pikepdf.open(tmp_path / "wide.pdf")
    reader = pypdf.PdfReader(tmp_path / "wide.pdf")
    assert len(pdf.pages) >= 2
    width = float(pdf.pages[0].mediabox[2])
    left, right = MARGINS[3] - 1, width - MARGINS[1] + 1
    links = [[float(v) for v in a.Rect] for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert len(links) >= 30
    assert all(left <= x1 and x2 <= right for x1, _, x2, _ in links), [r for r in links if not (left <= r[0] and r[2] <= right)][:3]
    starts = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: text.strip() and starts.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))
    assert starts and all(left <= x <= right for x in starts)
    # The long word is all there, broken across lines rather than cut off.
    assert squeezed(text_of(reader)).replace(" ", "").count(word) >= 60


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_same_html_gives_the_same_bytes(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Two builds of one commit give one PDF: the build's PDF came from the
    cache or was made now; a fresh render of the HTML it was made from (kept
    beside it in the cache), in this process and another cache folder, gives
    the same bytes."""
    built = pdf_path(site, lang).read_bytes()
    name = pdf_path(site, lang).stem
    cache = ROOT / ".cache" / "record-pdf"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", build.mkdocs_env()["SOURCE_DATE_EPOCH"])  # as the build had it
    # The cache file of the built PDF: named by the hash of what made it.
    made_from = [path.with_suffix(".html") for path in cache.glob(f"{name}-*.pdf")
                 if path.read_bytes() == built and path.with_suffix(".html").is_file()]
    keyed = [path for path in made_from if path.stem == f"{name}-" + record_pdf.cache_key(
        path.read_text(encoding="utf-8"), OVERRIDES / "record.css", OVERRIDES / "fonts", name)[:32]]
    assert keyed, f"no PDF in {cache} is the built one under the key of its HTML"
    html = keyed[0].read_text(encoding="utf-8")
    data, _ = record_pdf.render(html, name=name, base_url=SITE_URL + LANGUAGE_PREFIX[lang] + "record/",
                                css_path=OVERRIDES / "record.css", font_dir=OVERRIDES / "fonts", cache_dir=tmp_path,
                                site_files={SITE_URL + p.relative_to(site).as_posix(): p.read_bytes for p in site.rglob("*") if p.is_file()})
    assert data == built


def test_a_character_the_fonts_lack_is_found_before_rendering() -> None:
    fonts = OVERRIDES / "fonts"
    assert record_pdf.missing_characters("Pašvaldību sadarbība 1\u00a0250\u00a0000 EUR — „ok” ø ą Ž", fonts) == []
    assert record_pdf.missing_characters("Izpildīts ✓ — ა\u00ad", fonts) == ["✓", "ა"]
    assert record_pdf.describe("✓") == 'U+2713 CHECK MARK ("✓")'


def test_the_pdf_uses_no_file_but_the_site_s(tmp_path: Path) -> None:
    """Anything not a file of the site (the network above all) stops the
    rendering with the address named."""
    for src in ("https://eeagrants.org/logo.png", "file:///etc/hostname", SITE_URL + "no-such-image.png"):
        html = f'<!DOCTYPE html><html lang="lv"><head><title>T</title></head><body><p><img src="{src}" alt="x"></p></body></html>'
        with pytest.raises(record_pdf.PdfError) as error:
            _render(html, tmp_path)
        assert src.removeprefix("file://") in str(error.value)


def test_without_source_date_epoch_or_git_the_build_refuses(tmp_path: Path) -> None:
    """The PDF's dates come from SOURCE_DATE_EPOCH (or the last commit):
    with neither, a plain `mkdocs build` stops and says what to do."""
    project = copy_project(tmp_path / "copy")  # no .git in it
    env = {key: value for key, value in build.mkdocs_env().items() if key != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SOURCE_DATE_EPOCH is not set and there is no git history to take the PDF edition's date from" in result.stderr + result.stdout
    assert not (tmp_path / "out" / "record").exists()
