"""The record's PDF edition, rendered by WeasyPrint within fences (not a hook).

hooks/record_pdf.py gives `make()` the HTML of overrides/pdf/record.html;
what comes back is the same bytes on every machine with the same packages,
or an error an editor can act on:

- fonts: overrides/pdf/record.css names the Noto Sans subsets of
  overrides/pdf/fonts/ (@font-face, under a family name of our own); while
  WeasyPrint loads its fonts, fontconfig is given a configuration that knows
  only that folder (FONTCONFIG_FILE, fontconfig's documented variable, set
  for that moment only), so no font of the machine can stand in for a
  missing letter; `missing_characters()` checks the text against the fonts'
  character maps before anything is rendered (a letter the fonts lack would
  be an empty box); a finisher refuses a PDF that embeds any other font, or
  a font not embedded;
- resources: `SiteFetcher` (a subclass of WeasyPrint's URLFetcher, its
  documented way) serves the site's own files, by their address below the
  site's URL, from the build's Files, and the files of overrides/pdf/;
  anything else (the network above all) stops the build;
- strict: any warning WeasyPrint logs (a resource it could not load, a glyph
  it could not show, CSS it ignored) stops the build, as `mkdocs build
  --strict` stops on MkDocs' warnings;
- reproducible: PDF/A-3a with tags (`pdf_variant`), a fixed identifier per
  edition, dates only from the HTML's dcterms metadata (SOURCE_DATE_EPOCH),
  font subsets made by HarfBuzz, deterministic; cached in .cache/record-pdf/
  by the hash of everything that makes the bytes (HTML, stylesheet, fonts,
  WeasyPrint's, pydyf's and fontTools' versions, SOURCE_DATE_EPOCH), so a
  build whose record did not change reuses the file. The system's pango and
  HarfBuzz libraries are not in the hash: after upgrading them, delete
  .cache/ (CI's pinned Debian image keeps them fixed).

Why PDF/A-3a: the archival PDF with the structure tags (headings, lists,
tables, links) a screen reader needs and the language in /Lang; WeasyPrint
cannot yet claim PDF/UA in full (its page margins' text is not marked as
artifacts), so the edition does not claim it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mimetypes
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import unquote, urlsplit

VARIANT = "pdf/a-3a"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf")
# How the embedded fonts are named: a subset prefix, then our @font-face family.
OUR_FONT = re.compile(r"^/?[A-Z]{6}\+Record-Sans(-|$)")
# Versions of what writes the bytes: part of the cache key.
PACKAGES = ("weasyprint", "pydyf", "fonttools")
CACHE_KEPT = 8  # editions per language kept in the cache (the newest; a test session makes three)


class PdfError(Exception):
    """The PDF cannot be made; the message says why."""


# --- characters the fonts cannot show --------------------------------------------------


@lru_cache(maxsize=8)
def _codepoints(path: str, modified: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


def covered(font_dir: Path) -> frozenset[int]:
    """The characters every face has (any text may be bold or italic)."""
    faces = [font_dir / name for name in FONT_FILES]
    return frozenset.intersection(*(_codepoints(str(face), face.stat().st_mtime_ns) for face in faces))


def missing_characters(text: str, font_dir: Path) -> list[str]:
    """The characters of `text` that need a glyph and that the fonts lack,
    in text order (controls, soft hyphens and joiners need none)."""
    have = covered(font_dir)
    missing = {char for char in set(text) if ord(char) not in have and unicodedata.category(char) not in ("Cc", "Cf")}
    return sorted(missing, key=text.index)


def describe(char: str) -> str:
    """U+2713 CHECK MARK ("✓")."""
    return f'U+{ord(char):04X} {unicodedata.name(char, "a character without a name")} ("{char}")'


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("head", "script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of an HTML document or fragment that would be laid out."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# --- resources -------------------------------------------------------------------------


class ResourceError(Exception):
    """A resource the PDF edition may not or cannot use."""


def make_fetcher(site_files: dict[str, Callable[[], bytes]], folders: list[Path]) -> Any:
    """A URL fetcher for WeasyPrint: `site_files` maps the absolute URL of
    each file of the site to a callable giving its bytes; `folders` are the
    folders whose files (file: URLs) it may read."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [folder.resolve() for folder in folders]

    class SiteFetcher(URLFetcher):
        def __init__(self) -> None:
            # Every error stops the rendering (FatalURLFetchingError), none
            # is only logged.
            super().__init__(allowed_protocols={"file", "http", "https"}, fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(folder) for folder in allowed) or not path.is_file():
                    raise ResourceError(f"{path}: not a file of {', '.join(map(str, allowed))}")
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path.name)})
            address = url.split("#")[0].split("?")[0]
            if address not in site_files:
                raise ResourceError(f"{url}: not a file of this site (the PDF edition uses the site's own files only, never the network)")
            return URLFetcherResponse(url, site_files[address](), {"Content-Type": _mime(address)})

    return SiteFetcher()


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# --- rendering -----------------------------------------------------------------------------


@dataclass
class Made:
    data: bytes
    pages: int | None  # None when the PDF came from the cache
    seconds: float
    cached: bool


def identifier(name: str) -> bytes:
    """The permanent first half of the PDF's /ID: the same for every build of
    one edition (the second half is a hash of the content)."""
    return hashlib.md5(name.encode("utf-8"), usedforsecurity=False).hexdigest().encode("ascii")


def cache_key(html: str, css_path: Path, font_dir: Path, name: str) -> str:
    digest = hashlib.sha256()
    for part in (VARIANT, name, os.environ.get("SOURCE_DATE_EPOCH", ""), *(f"{p}=={version(p)}" for p in PACKAGES), html):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(css_path.read_bytes() + b"\0")
    for face in FONT_FILES:
        digest.update((font_dir / face).read_bytes() + b"\0")
    return digest.hexdigest()


def make(html: str, *, name: str, base_url: str, css_path: Path, font_dir: Path, cache_dir: Path,
         site_files: dict[str, Callable[[], bytes]]) -> Made:
    """The PDF of `html` (from the cache when it was made before). `name`
    tells one edition from another ("LV-LOCALDEV-0006-lv"): its identifier
    and its cache files. `site_files`: the absolute URL of each file of the
    site -> its bytes (make_fetcher)."""
    started = time.perf_counter()
    key = cache_key(html, css_path, font_dir, name)
    cached = cache_dir / f"{name}-{key[:32]}.pdf"
    if cached.is_file():
        return Made(cached.read_bytes(), None, time.perf_counter() - started, True)
    data, pages = render(html, name=name, base_url=base_url, css_path=css_path, font_dir=font_dir,
                         cache_dir=cache_dir, site_files=site_files)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # The HTML beside its PDF: what it was made from (to look at, and for
    # tests/test_record_pdf.py, which renders it again and compares).
    for path, content in ((cached.with_suffix(".html"), html.encode("utf-8")), (cached, data)):
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(content)
        partial.replace(path)  # whole or not at all, should two builds run at once
    for old in sorted(cache_dir.glob(f"{name}-*.pdf"), key=lambda path: path.stat().st_mtime, reverse=True)[CACHE_KEPT:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".html").unlink(missing_ok=True)
    return Made(data, pages, time.perf_counter() - started, False)


def render(html: str, *, name: str, base_url: str, css_path: Path, font_dir: Path, cache_dir: Path,
           site_files: dict[str, Callable[[], bytes]]) -> tuple[bytes, int]:
    """(the PDF, its number of pages); PdfError for anything that stops it."""
    # Imported here: 0.4 s a process, spent only when a PDF is made (and with
    # fontconfig fenced in: the import looks at the fonts once).
    with _only_our_fonts(font_dir, cache_dir), _strict() as warnings:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError

        fetcher = make_fetcher(site_files, [css_path.parent])
        try:
            font_config = FontConfiguration()
            stylesheet = CSS(filename=str(css_path), url_fetcher=fetcher, font_config=font_config)
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=font_config, stylesheets=[stylesheet], pdf_variant=VARIANT)
            data = document.write_pdf(
                pdf_variant=VARIANT,  # PDF 1.7, tags, the sRGB output intent, PDF/A identification in XMP
                pdf_identifier=identifier(name),
                uncompressed_pdf=False,
                custom_metadata=False,
                full_fonts=False,  # subsets: only the glyphs used
                hinting=False,
                optimize_images=False,
                finisher=_only_ours_embedded,
            )
        except FatalURLFetchingError as error:
            raise PdfError(str(error.__cause__ or error)) from None
    if warnings:
        raise PdfError("WeasyPrint: " + "; ".join(dict.fromkeys(warnings)))
    return data, len(document.pages)


@contextlib.contextmanager
def _only_our_fonts(font_dir: Path, cache_dir: Path) -> Iterator[None]:
    """fontconfig sees only font_dir while WeasyPrint sets up its fonts."""
    folder = cache_dir / "fontconfig"
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig><dir>{font_dir.resolve()}</dir><cachedir>{folder.resolve()}</cachedir></fontconfig>\n")
    if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
        conf.write_text(text, encoding="utf-8")
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = before


@contextlib.contextmanager
def _strict() -> Iterator[list[str]]:
    """Collects every warning WeasyPrint logs meanwhile."""
    found: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def _only_ours_embedded(document: Any, pdf: Any) -> None:
    """Finisher: every font the PDF names is one of ours, and embedded."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and str(obj.get("Type")) == "/FontDescriptor":
            name = obj.get("FontName")
            name = name.decode() if isinstance(name, bytes) else str(name)
            if not OUR_FONT.match(name):
                raise PdfError(f"the PDF would embed a font that is not overrides/pdf/fonts/'s: {name}")
            if not any(key in obj for key in ("FontFile", "FontFile2", "FontFile3")):
                raise PdfError(f"the font {name} would not be embedded")
