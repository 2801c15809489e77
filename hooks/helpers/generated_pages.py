"""The Markdown of the pages generated from data/ (not a hook).

hooks/pages.py adds these pages to the build and hands MkDocs their
Markdown; hooks/edit_links.py points their edit link at their data file.
Each page is front matter (title and description from the item) and the
item rendered by its template of overrides/content/ (as its macro in
hooks/macros.py renders it where a page calls it).
"""

from __future__ import annotations

import html

import yaml
from mkdocs.config.defaults import MkDocsConfig

from helpers import published, render, sitedata


# libyaml's emitter where PyYAML has it (many times faster than the Python one).
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# The sources of the generated pages, made once per change of data/ (both
# language builds and every `mkdocs serve` rebuild reuse them).
_sources_cache: dict[str, tuple[sitedata.SiteData, dict[str, tuple[str, str]]]] = {}


def generated_sources(config: MkDocsConfig) -> dict[str, tuple[str, str]]:
    """{src_uri: (markdown, data file)} of every generated page, every language."""
    data = sitedata.load(published.data_dir(config))
    cached = _sources_cache.get(config.docs_dir)
    if cached and cached[0] is data:
        return cached[1]
    sources = {}
    codes = [lang.code for lang in published.languages(config)]
    for folder, (data_file, _, title_field) in published.GENERATED.items():
        for item in getattr(data, folder):
            for lang in codes:
                front_matter = {
                    # Page titles go into the theme's templates unescaped: escape here.
                    "title": html.escape(item[title_field][lang], quote=False),
                    # Material prints the description into an attribute unescaped.
                    "description": html.escape(item["summary"][lang], quote=True),
                    "generated_from": data_file,
                    # The body is rendered by page_markdown(), not by the macros plugin.
                    "render_macros": False,
                }
                markdown = "---\n" + yaml.dump(front_matter, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
                sources[f"{lang}/{folder}/{item['id']}.md"] = (markdown + "---\n\n", data_file)
    _sources_cache[config.docs_dir] = (data, sources)
    return sources




def page_markdown(config: MkDocsConfig, src_uri: str) -> str | None:
    """The Markdown of one generated page (None for any other page): its front
    matter, and its body rendered from its template in overrides/content/
    here, as the page's macro would render it. Not through the macros plugin
    (`render_macros: false`): it compiles every page's Markdown as a Jinja
    template of its own, a sixth of the time of a 1000-page build."""
    source = generated_sources(config).get(src_uri)
    if source is None:
        return None
    lang, folder, name = src_uri.split("/")
    template = published.GENERATED[folder][1]
    data = sitedata.load(published.data_dir(config))
    item = data.by_id(folder)[name.removesuffix(".md")]
    body = render.render(str(published.project_root(config) / "overrides"), template, f"{folder}/{name}", lang,
                         data=data, ui=data.ui[lang], project=data.project, **{template.removesuffix(".md"): item})
    return source[0] + body + "\n"
