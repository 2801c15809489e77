"""Sitemap hook: sitemap.xml lists every page of both languages with its alternates.

Events: on_template_context (for sitemap.xml only: `sitemap_urls`, rendered by
overrides/sitemap.xml). Reads the site model (hooks/helpers/published.py) and git history
(hooks/helpers/history.py); writes nothing itself (MkDocs writes sitemap.xml
and sitemap.xml.gz; robots.txt is the theme template overrides/robots.txt).

Each page's lastmod is the time of the last commit that changed its source
(docs/<lang>/... or, for generated pages, their data file), not the build
date, so two builds of one commit are byte-identical. Every language build
renders the same sitemap (it lists both languages), so the one written last
is right. The dates come from ONE `git log` pass (one process per source
file is slow with many pages). Without git history (a copy of the site, a
file never committed) a page takes SOURCE_DATE_EPOCH, or no lastmod at all.
"""

from __future__ import annotations

import datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from helpers import history, published


def _w3c(timestamp: int | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).isoformat()


def sitemap_urls(site: published.Site, config: MkDocsConfig) -> list[dict[str, Any]]:
    dates = history.last_changes(published.project_root(config))
    fallback = history.source_date_epoch()
    return [
        {
            "loc": site.absolute(page.address),
            "lastmod": _w3c(dates.get(page.repo_path, fallback)),
            "alternates": site.alternates(page.source),
        }
        for page in site.pages
    ]


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "sitemap.xml":
        context["sitemap_urls"] = sitemap_urls(published.current(), config)
    return context
