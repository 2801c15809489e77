"""The Markdown of the pages generated from data/ (not a hook).

hooks/pages.py adds these pages to the build and hands MkDocs their
Markdown; hooks/edit_links.py points their edit link at their data file.
Each page is front matter (title and description from the item) and one
macro call that renders the item (hooks/macros.py).
"""

from __future__ import annotations

import html

import yaml
from mkdocs.config.defaults import MkDocsConfig

import published
import sitedata


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
    for folder, (data_file, macro, title_field) in published.GENERATED.items():
        for item in getattr(data, folder):
            for lang in codes:
                front_matter = {
                    # Page titles go into the theme's templates unescaped: escape here.
                    "title": html.escape(item[title_field][lang], quote=False),
                    # Material prints the description into an attribute unescaped.
                    "description": html.escape(item["summary"][lang], quote=True),
                    "generated_from": data_file,
                }
                markdown = "---\n" + yaml.dump(front_matter, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
                markdown += f"---\n\n{{{{ {macro}(\"{item['id']}\") }}}}\n"
                sources[f"{lang}/{folder}/{item['id']}.md"] = (markdown, data_file)
    _sources_cache[config.docs_dir] = (data, sources)
    return sources


