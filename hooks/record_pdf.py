"""Record PDF hook: the whole record's PDF edition in each language, made in the build.

Events: on_startup (count the warnings MkDocs logs from now on), on_config
(the first language's: count anew), on_files (priority 100, before the site
model, 60, and the i18n plugin, -100: add <lang>/record/<project number>-<lang>.pdf for every
language with a record page, as a file of docs/ — nothing is written there —
so the site model and the address guard count /record/LV-LOCALDEV-0006-lv.pdf
and /en/record/LV-LOCALDEV-0006-en.pdf like any other file), on_env
(priority -20, after hooks/record.py made this language's record: render
overrides/pdf/record.html with it, check its text against the fonts, make
the PDF, or take it from .cache/record-pdf/, give the file its bytes and the
record its size), on_page_context (the documents page: the size in the
text of its link to the PDF, known only now). Reads the record
(hooks/helpers/record.py), overrides/pdf/ and the build's files; writes
only into .cache/record-pdf/. How the PDF is made: hooks/helpers/pdf.py.

The PDF's dates are SOURCE_DATE_EPOCH (the Makefile and scripts/build.py
set it to the last commit's time); a build without it takes the last
commit's time from git, and without git it stops and says to set it.
RECORD_PDF=off builds the site without the PDF files (`make bench` times
its builds apart from the PDFs' so); never publish such a build. A strict
build (`--strict`, as `make build` and `make check` run) that has logged a
warning by then (a broken link, say) stops at its end whatever follows, so
it makes no PDF: the editor gets the message seconds sooner.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpers import history, pdf, published, record, render, sitedata, typography

TEMPLATE = "pdf/record.html"  # in overrides/, with record.css and fonts/ beside it
CACHE = ".cache/record-pdf"
SWITCH = "RECORD_PDF"
DOCUMENTS_PAGE = "documents.md"
log = logging.getLogger(f"mkdocs.hooks.{__name__}")


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs (its loggers are "mkdocs" and below)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_warnings = _Warnings()


def on_startup(command: str, dirty: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if _warnings not in logger.handlers:
        logger.addHandler(_warnings)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not published.building_other_language(config):
        _warnings.count = 0  # a new build (the i18n plugin builds the other languages inside the first)
    return config


def _pdf_source(config: MkDocsConfig, lang: str) -> str:
    return record.pdf_source(sitedata.load(published.data_dir(config)).project["number"], lang)


@event_priority(100)  # before the site model (60) and the i18n plugin (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for lang in published.languages(config):
        if files.get_file_from_path(f"{lang.code}/{record.RECORD_SOURCE}") is None:
            continue
        src_uri = f"{lang.code}/{_pdf_source(config, lang.code)}"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: the build writes the record's PDF edition here: rename the file.")
        files.append(File.generated(config, src_uri, abs_src_path=os.path.join(config.docs_dir, src_uri)))
    return files


@event_priority(-20)  # after hooks/record.py (-10) made this language's record
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    lang = published.building_language(config)
    edition = record.current(lang)
    file = files.get_file_from_path(f"{lang}/{_pdf_source(config, lang)}")
    if edition is None or file is None:
        return env
    if os.environ.get(SWITCH) == "off" or (config.strict and _warnings.count):
        files.remove(file)
        why = f"{SWITCH}=off" if os.environ.get(SWITCH) == "off" else "the build has warnings, and --strict stops it"
        log.info(f"The record's PDF edition ({lang}) is not made: {why}.")
        return env
    root = published.project_root(config)
    site = published.current()
    data = sitedata.load(published.data_dir(config))
    html = env.get_template(TEMPLATE).render(
        record=edition, ui=data.ui[lang], project=data.project, partners=data.partners, site_lang=lang,
        lang_home=site.language(lang).home, config=config, page=None, base_url=site.absolute(""),
        created=_created(root), in_pdf=True,
    )
    overrides = Path(config.theme.custom_dir)
    font_dir = overrides / "pdf" / "fonts"
    _check_characters(html, edition, font_dir, root, lang)
    name = Path(file.src_uri).stem
    site_files = {site.absolute(found.url): (lambda found=found: found.content_bytes)
                  for found in files if found is not file and not found.is_documentation_page()}
    try:
        made = pdf.make(html, name=name, base_url=edition.url, css_path=overrides / "pdf" / "record.css",
                        font_dir=font_dir, cache_dir=root / CACHE, site_files=site_files)
    except pdf.PdfError as error:
        raise PluginError(_place(str(error), edition, root, lang)) from None
    file.content_bytes = made.data
    size = len(made.data)
    edition.pdf = record.PdfEdition(edition.address + Path(file.src_uri).name, site.absolute(edition.address + Path(file.src_uri).name),
                                    size, typography.format_size(size, lang))
    how = "from the cache" if made.cached else f"{made.pages} pages, made in {made.seconds:.2f} s"
    log.info(f"The record's PDF edition ({lang}): {size} bytes, {how}.")
    return env


def _created(root: Path) -> str:
    """SOURCE_DATE_EPOCH as the PDF's dates (W3C date-time, UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        epoch = str(history.last_commit_time(root) or "")
    if not epoch:
        raise PluginError("SOURCE_DATE_EPOCH is not set and there is no git history to take the PDF edition's date from: "
                          "build with `make build` (it sets it), or set SOURCE_DATE_EPOCH to a Unix time.")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_characters(html: str, edition: record.Edition, font_dir: Path, root: Path, lang: str) -> None:
    """Stop, naming the page (and line) of each character the fonts cannot show."""
    missing = pdf.missing_characters(pdf.visible_text(html), font_dir)
    problems = []
    for char in missing:
        pages = [section for section in edition.all_sections() if char in pdf.visible_text(section.html)]
        for place in dict.fromkeys(record.place_of(char, root, lang, section) for section in pages or [None]):
            problems.append(f"{place}: {pdf.describe(char)} cannot be shown in the PDF edition: its fonts "
                            "(overrides/pdf/fonts/, Noto Sans) have no such letter or sign, and the PDF would show an empty box. "
                            "Write it another way, or add it to the fonts (overrides/pdf/fonts/README.md).")
    if problems:
        raise PluginError("\n".join(problems))


URL = re.compile(r"""https?://[^\s'"]+""")


def _place(message: str, edition: record.Edition, root: Path, lang: str) -> str:
    """An error of the PDF as one line naming the page, and its line, whose
    content holds the resource the error is about (an image that is not
    there or is no image, say)."""
    for url in (found.rstrip(":.,;)") for found in URL.findall(message)):
        section = next((section for section in edition.all_sections() if url in section.html), None)
        if section is None:
            continue
        if "not a file of this site" in message:
            why = ("there is no such file in this site: put the file in docs/ and show it with Markdown, "
                   "![what it shows](file.jpg), relative to the page, or correct its address.")
        elif "image" in message.lower():
            why = "it is not an image file the PDF can show (WeasyPrint could not read it): replace the file, or correct its address."
        else:
            why = f"{message}."
        name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        return f"{record.place_of(name, root, lang, section)}: the PDF edition cannot show {url}: {why}"
    return f"docs/{lang}/{record.RECORD_SOURCE}: the PDF edition could not be made: {message}"


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    lang = page.file.locale
    edition = record.current(lang)
    if page.file.src_uri != f"{lang}/{DOCUMENTS_PAGE}" or edition is None or edition.pdf is None:
        return context
    data = sitedata.load(published.data_dir(config))
    overrides = str(published.project_root(config) / "overrides")

    def link_text(size_bytes: int | None) -> str:
        return render.render(overrides, "record-pdf-link.md", DOCUMENTS_PAGE, lang, data=data, ui=data.ui[lang], size_bytes=size_bytes).strip()

    without, with_size = f">{link_text(None)}</a>", f">{link_text(edition.pdf.size_bytes)}</a>"
    if page.content is None or page.content.count(without) != 1:
        raise PluginError(f"docs/{lang}/{DOCUMENTS_PAGE}: the link to the record's PDF edition (overrides/content/document-list.md) is missing; keep {{{{ document_list() }}}} on the page.")
    page.content = page.content.replace(without, with_size)
    return context
