"""Pages hook: one page per activity and per partner, in both languages.

Events: on_files (add a page source for every item of data/activities.yml and
data/partners.yml under each language folder, before the i18n plugin sorts
files by language), on_nav (give those pages their content again — the i18n
plugin re-creates every File from its path and loses generated content — and
list them in the navigation under their overview page), on_page_markdown
(point "edit this page" at the data file). Reads the cached data; writes no
file. Addresses come from each item's `id` (/activities/<id>/), never from a
title, so editing a title never breaks a published address.
"""

from __future__ import annotations

import html
import os

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

import sitedata
from data import data_dir

# data file -> (folder of the pages, macro that renders one item, field with its title)
GENERATED = {
    "activities": ("activities", "activity_page", "title"),
    "partners": ("partners", "partner_page", "name"),
}
# A section lists its generated pages in the navigation only up to this many:
# every page embeds the navigation, so a long list costs build time for each
# page (quadratic) and helps no reader. Past it, the section's index page
# (which lists every item) is the way in, and each page still marks its
# section as the active one.
NAV_LIMIT = 30
# libyaml's emitter where PyYAML has it (many times faster than the Python one).
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The sources of the generated pages, made once per change of data/ (both
# language builds and every `mkdocs serve` rebuild reuse them).
_sources_cache: dict[str, tuple[sitedata.SiteData, dict[str, tuple[str, str]]]] = {}


def _sources(config: MkDocsConfig) -> dict[str, tuple[str, str]]:
    """{src_uri: (markdown, data file)} of every generated page, both languages."""
    data = sitedata.load(data_dir(config))
    cached = _sources_cache.get(config.docs_dir)
    if cached and cached[0] is data:
        return cached[1]
    sources = {}
    for kind, (folder, macro, title_field) in GENERATED.items():
        for item in getattr(data, kind):
            for lang in sitedata.LANGUAGES:
                front_matter = {
                    # Page titles go into the theme's templates unescaped: escape here.
                    "title": html.escape(item[title_field][lang], quote=False),
                    # Material prints the description into an attribute unescaped.
                    "description": html.escape(item["summary"][lang], quote=True),
                    "generated_from": f"data/{kind}.yml",
                }
                markdown = "---\n" + yaml.dump(front_matter, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
                markdown += f"---\n\n{{{{ {macro}(\"{item['id']}\") }}}}\n"
                sources[f"{lang}/{folder}/{item['id']}.md"] = (markdown, kind)
    _sources_cache[config.docs_dir] = (data, sources)
    return sources


@event_priority(100)  # before the i18n plugin (-100) sorts the files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src_uri in _sources(config):
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} has the same address as a page generated from data/: "
                "delete the Markdown file (the page is made from the data), or change the item's id."
            )
        # The i18n plugin needs a path inside docs/ (it re-creates the File from
        # it); nothing is written there, the content is set in on_nav.
        abs_src_path = os.path.join(config.docs_dir, src_uri)
        files.append(File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    sources = _sources(config)
    generated: dict[str, list[Page]] = {folder: [] for folder, _, _ in GENERATED.values()}
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        if file.src_uri in sources:
            file.content_string = sources[file.src_uri][0]
            page = file.page or Page(None, file, config)
            generated[file.src_uri.split("/")[1]].append(page)
    for section in _get_by_type(nav.items, Section):
        index = next((c for c in section.children if isinstance(c, Page) and c.file.src_uri.endswith("/index.md")), None)
        folder = index.file.src_uri.split("/")[1] if index else None
        if folder in generated:
            pages = generated.pop(folder)
            if len(pages) <= NAV_LIMIT:
                section.children.extend(pages)
            else:
                for page in pages:
                    page.parent = section
    if any(generated.values()):
        missing = ", ".join(f"{folder}/index.md" for folder, pages in generated.items() if pages)
        raise PluginError(f"mkdocs.yml: the navigation of each language needs a section holding {missing}, under which the generated pages are listed.")
    _add_parent_links(nav.items)
    nav.pages = _get_by_type(nav.items, Page)
    _add_previous_and_next_links(nav.pages)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.meta.get("generated_from")
    if source and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/main/{source}"
    return markdown
