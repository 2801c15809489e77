"""Translations hook: the reader's language in every theme template.

Events: on_page_context and on_template_context (set `site_lang` (Material
already uses `lang`), `ui` — the interface text of that language from
data/ui/<lang>.yml —, `lang_home` (from the site model), `project` and
`partners`). Reads the cached data of hooks/helpers/sitedata.py and the language
the i18n plugin is building; writes only the template context. The language of a page is that
of its file (page.file.locale), never the config, which the macros plugin
and other early readers see before the per-language overrides.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpers import published, sitedata


def _language_context(lang: str, config: MkDocsConfig) -> dict[str, Any]:
    data = sitedata.load(published.data_dir(config))
    return {
        "site_lang": lang,
        "ui": data.ui[lang],
        "lang_home": published.current().language(lang).home,
        "project": data.project,
        "partners": data.partners,
    }


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    context.update(_language_context(published.building_language(config), config))
    return context


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context.update(_language_context(page.file.locale, config))
    return context
