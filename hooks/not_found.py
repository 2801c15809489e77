"""Not-found hook: one bilingual 404.html for every missing address.

Events: on_template_context (for 404.html only: `not_found_versions`, the
text, home and search target of each language from data/ui/, and
`not_found_base`, the site's path; the language switcher is reset to the two
home pages, not left at the last rendered page's alternates),
on_post_template (a non-default language build renders no 404.html, so the
default language's one, built first, stays). Reads data/ui/; writes only the
template output.

GitHub Pages serves the single root 404.html for every missing path, in
either language tree. overrides/404.html holds both texts; a small inline
script shows only the English one (and sets lang="en") when the missing path
is under /en/; without JavaScript both are visible.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from helpers import compat, published, sitedata


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name != "404.html":
        return context
    ui = sitedata.load(published.project_root(config) / "data").ui
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    context["not_found_base"] = base
    context["not_found_versions"] = [
        {"lang": lang.code, "prefix": lang.prefix, "home": base + lang.home, "ui": ui[lang.code]}
        for lang in published.current().languages
    ]
    homes = compat.home_switcher(config)
    if homes:
        config.extra["alternate"] = deepcopy(homes)
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        if published.building_other_language(config):
            return ""  # MkDocs writes no file for an empty template
    return output
