"""Record hook: the whole record on one page, per language (/record/, /en/record/).

Events: on_env (priority -10: every page's Markdown is rendered by then; make
this language's record from the pages' contents, in the navigation's
order, with hooks/helpers/record.py, and give the record page its table of
contents), on_page_context (the record page: `record` for
overrides/partials/record.html, which overrides/main.html shows under the
page's own introduction, and for the JSON-LD of
overrides/partials/head-meta.html). Reads the rendered pages (MkDocs renders
them all before on_env: hooks/helpers/compat.py), the site model, the
navigation and git history (the edition's date and commit);
writes no file. The record page's source, docs/<lang>/record.md, holds
its title, description and introduction; the PDF edition made from the
same sections: hooks/record_pdf.py.

The edition: the date of the last content change is the newest of the
dates hooks/sitemap.py gives the record's pages (the last commit that
changed each one's source, the record page's own included), or
SOURCE_DATE_EPOCH without git; the commit is the short hash of the commit
built, left out without git; the address is the record page's absolute,
stable address.
"""

from __future__ import annotations

import datetime
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from helpers import compat, history, published, record, typography
from helpers.generated_pages import generated_sources


@event_priority(-10)  # after hooks/template_cache.py (0) gave the environment its cache
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    lang = published.building_language(config)
    record.forget(lang)
    record_page = compat.rendered_page(files, f"{lang}/{record.RECORD_SOURCE}")
    if record_page is None:
        return env  # a site without a record page
    site = published.current()
    language = site.language(lang)
    generated: dict[str, list[str]] = {}
    for src_uri in generated_sources(config):
        code, folder, name = src_uri.split("/")
        if code == lang:
            generated.setdefault(folder, []).append(f"{folder}/{name}")
    order = record.reading_order(config.nav or [], generated)
    versions = {source: site.versions(source).get(lang) for source, children in order for source in [source, *children]}
    missing = [source for source, version in versions.items() if version is None or compat.rendered_page(files, f"{lang}/{source}") is None]
    if missing:
        raise PluginError(f"docs/{lang}/{record.RECORD_SOURCE}: the record cannot show {', '.join(missing)}: the navigation names pages this build has not made.")
    anchors = {version.address: record.anchor_of(version.address, language.prefix) for version in versions.values()}
    sections = []
    for number, (source, children) in enumerate(order, start=1):
        section = _section(source, f"{number}.", 2, not children, files, lang, versions, anchors, site)
        section.children = [_section(child, f"{number}.{index}", 3, True, files, lang, versions, anchors, site)
                            for index, child in enumerate(children, start=1)]
        sections.append(section)
    root = published.project_root(config)
    dates = history.last_changes(root)
    own = site.versions(record.RECORD_SOURCE).get(lang)
    paths = [section.repo_path for section in _every(sections)] + ([own.repo_path] if own else [])
    known = [dates[path] for path in paths if path in dates]
    edition = record.Edition(
        lang=lang,
        address=own.address if own else record_page.url,
        url=site.absolute(own.address if own else record_page.url),
        title=record_page.title or "",
        sections=sections,
        date=max(known) if known else history.source_date_epoch(),
        commit=history.commit(root),
    )
    if edition.date is not None:
        day = datetime.datetime.fromtimestamp(edition.date, datetime.timezone.utc).date()
        edition.date_iso, edition.date_text = day.isoformat(), typography.format_date(day, lang, "long")
    record.store(edition)
    record_page.toc = get_toc(_toc_tokens(record_page, edition))
    return env


def _section(source: str, number: str, level: int, numbered: bool, files: Files, lang: str,
             versions: dict[str, published.PublishedPage | None], anchors: dict[str, str], site: published.Site) -> record.Section:
    page = compat.rendered_page(files, f"{lang}/{source}")
    version = versions[source]
    anchor = anchors[version.address]
    context = record.PageInRecord(url=version.address, anchor=anchor, number=number, level=level, numbered=numbered,
                                  sections=anchors, absolute=site.absolute)
    content = page.content or ""
    if "<h1" not in content:
        # As Material's content partial shows it: a page generated from
        # data/ has its title only in its front matter (already escaped).
        content = f"<h1>{page.title}</h1>\n{content}"
    html, title, headings = record.rewrite(content, context)
    return record.Section(source, version.address, anchor, number, level, title, html, headings, repo_path=version.repo_path)


def _every(sections: list[record.Section]) -> list[record.Section]:
    return [found for section in sections for found in (section, *section.children)]


def _toc_tokens(page: Page, edition: record.Edition) -> list[dict[str, Any]]:
    """The record page's table of contents (Material's side column): its own
    headings, then each section with its subsections."""
    own = [item for item in page.toc.items] if page.toc else []
    title = own[0] if own and own[0].level == 1 else None
    tokens = [{"level": 2, "id": section.anchor, "name": f"{section.number} {section.title}",
               "children": [{"level": 3, "id": child.anchor, "name": f"{child.number} {child.title}", "children": []}
                            for child in section.children]}
              for section in edition.sections]
    if title is None:
        return tokens
    mine = [{"level": child.level, "id": child.id, "name": child.title, "children": []} for child in title.children]
    return [{"level": 1, "id": title.id, "name": title.title, "children": mine + tokens}]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    lang = page.file.locale
    if page.file.src_uri == f"{lang}/{record.RECORD_SOURCE}":
        context["record"] = record.current(lang)
    return context
