"""Sitemap hook: sitemap.xml lists every page of both languages with its alternates.

Events: on_template_context (for sitemap.xml only: `sitemap_urls`, rendered by
overrides/sitemap.xml). Reads the site model (hooks/helpers/published.py) and git history; writes
nothing itself (MkDocs writes sitemap.xml and sitemap.xml.gz; robots.txt is the
theme template overrides/robots.txt).

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
import os
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from helpers import published

_git_cache: dict[tuple[str, str], dict[str, int]] = {}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None  # no git installed
    return result.stdout if result.returncode == 0 else None


def last_changes(root: Path) -> dict[str, int]:
    """{path relative to root: Unix time of the newest commit that changed it}."""
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        return {}
    key = (str(root), head.strip())
    if key not in _git_cache:
        # --cc: a merge lists the files it changed against every parent (a
        # resolved conflict), as `git log -1 -- <file>` would date them.
        log = _git(root, "log", "--relative", "--format=@%ct", "--name-only", "--cc", "--", ".") or ""
        dates: dict[str, int] = {}
        current = 0
        for line in log.splitlines():
            if line.startswith("@"):
                current = int(line[1:])
            elif line:
                dates.setdefault(line, current)  # the log runs newest first
        _git_cache[key] = dates
    return _git_cache[key]


def _fallback_time() -> int | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() and int(epoch) > 0 else None


def _w3c(timestamp: int | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).isoformat()


def sitemap_urls(site: published.Site, config: MkDocsConfig) -> list[dict[str, Any]]:
    dates = last_changes(published.project_root(config))
    fallback = _fallback_time()
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
