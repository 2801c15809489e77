"""Pages hook: one page per activity and per partner, in every language.

Events: on_config (after the i18n plugin set this language's navigation:
list the generated pages under their overview page in `nav`), on_files
(add a page source for every item of data/activities.yml and
data/partners.yml under each language folder, before the i18n plugin sorts
the files by language), on_page_read_source (the Markdown of those pages:
front matter and the rendered item, hooks/helpers/generated_pages.py). Reads the
cached data; writes no file. Addresses come from each item's `id` (/activities/<id>/), never from a
title, so editing a title never breaks a published address. Their "edit
this page" link: hooks/edit_links.py.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from helpers import published
from helpers.generated_pages import generated_sources, page_markdown

# A section lists its generated pages in the navigation only up to this many:
# every page embeds the navigation, so a long list costs build time for each
# page (quadratic) and helps no reader. Past it, the section's index page
# (which lists every item) is the way in.
NAV_LIMIT = 30
@event_priority(-200)  # after the i18n plugin (-100) set this language's `nav`
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = published.building_language(config)
    pages_by_folder: dict[str, list[str]] = {}
    for src_uri in generated_sources(config):
        code, folder, name = src_uri.split("/")
        if code == lang:
            pages_by_folder.setdefault(folder, []).append(f"{folder}/{name}")
    config.nav = _with_generated(config.nav or [], pages_by_folder)
    if pages_by_folder:
        missing = ", ".join(f"{folder}/index.md" for folder in pages_by_folder)
        raise PluginError(f"mkdocs.yml: the navigation of each language needs a section holding {missing}, under which the generated pages are listed.")
    return config


def _with_generated(nav: list, pages_by_folder: dict[str, list[str]]) -> list:
    """A copy of a `nav` list in which each section holding "<folder>/index.md"
    also lists that folder's generated pages (taken out of pages_by_folder)."""
    result = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _section_with_generated(children, pages_by_folder) for title, children in entry.items()}
        result.append(entry)
    return result


def _section_with_generated(children, pages_by_folder: dict[str, list[str]]):
    if not isinstance(children, list):
        return children  # a page or a link
    children = _with_generated(children, pages_by_folder)
    for child in list(children):
        if isinstance(child, str) and child.endswith("/index.md") and child.count("/") == 1:
            pages = pages_by_folder.pop(child.split("/")[0], [])
            if len(pages) <= NAV_LIMIT:
                children += pages
    return children


@event_priority(100)  # before the i18n plugin (-100) sorts the files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src_uri in generated_sources(config):
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} has the same address as a page generated from data/: "
                "delete the Markdown file (the page is made from the data), or change the item's id."
            )
        # The i18n plugin re-creates every File from its path inside docs/
        # (nothing is written there): the Markdown comes from
        # on_page_read_source, which is asked for every page.
        abs_src_path = os.path.join(config.docs_dir, src_uri)
        files.append(File.generated(config, src_uri, abs_src_path=abs_src_path, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return page_markdown(config, page.file.src_uri)  # None: MkDocs reads the file
