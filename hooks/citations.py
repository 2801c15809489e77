"""Citations hook: each page's "Avoti" / "Sources" list, made from what the page cites.

Events: on_pre_page (start the page's count before its Markdown is read or
generated), on_page_markdown (priority -50: after the macros plugin, 0, has
run the page's cite() calls and its templates have cited their items'
sources: append the list of the cited sources, numbered in citation order,
under the heading "Avoti" / "Sources" with the id #sources). Reads the
source registry (data/sources.yml) through the cached data; writes no file.
The numbering: hooks/helpers/citations.py; the list's template:
overrides/content/sources.md.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from helpers import citations, published, render, sitedata


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    citations.start(page.file.src_uri)
    return page


@event_priority(-50)  # after the macros plugin (0) rendered the page's citations
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    cited = citations.cited(page.file.src_uri)
    if not cited:
        return markdown
    data = sitedata.load(published.data_dir(config))
    lang, page_src = page.file.src_uri.split("/", 1)
    listed = render.render(str(published.project_root(config) / "overrides"), "sources.md", page_src, lang,
                           data=data, ui=data.ui[lang], sources=[data.sources[source_id] for source_id in cited])
    return markdown.rstrip("\n") + "\n\n" + listed
