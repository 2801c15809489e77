"""Renders the content templates in overrides/content/ for macros and pages.

Not a hook itself. The theme's own Jinja environment does not escape HTML,
so content built from data/ goes through this one, which escapes everything
an editor typed (a "<b>" in a title shows as text) and fails on any
undefined name instead of printing nothing.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from helpers import citations, published, typography

# Where the document files of data/documents/ are published in the site.
DOCUMENTS_FOLDER = "documents"


@lru_cache(maxsize=4)
def environment(overrides_dir: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(overrides_dir) / "content"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # "{#id}" is attribute syntax for heading ids in Markdown, not a comment.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(date=typography.format_date, period=typography.format_period, days=typography.format_days,
                       money=typography.format_money)
    # The record (events, documents, sources): dates of a day, month, year or
    # span, file sizes, and language names, which are interface text.
    env.filters.update(
        when=typography.format_when,
        when_iso=typography.when_iso,
        size=typography.format_size,
        join_list=typography.join_list,
        language_name=lambda code, ui: ui[f"language_name_{code}"],
    )
    return env


def relative_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one page's source to another's, both given
    without the language folder ("activities/x.md" -> "../partners/lps.md"),
    so MkDocs checks it and turns it into the right address per language."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def file_link(page_src: str, lang: str, name: str) -> str:
    """A Markdown link target from a page to a document file of
    data/documents/, which the build publishes once for both languages at
    documents/<name> (hooks/downloads.py), outside the language folders."""
    return posixpath.relpath(f"{DOCUMENTS_FOLDER}/{name}", posixpath.dirname(f"{lang}/{page_src}"))


@lru_cache(maxsize=256)
def _front_matter_title(path: Path, modified: int) -> str | None:
    match = re.match(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", path.read_text(encoding="utf-8"), re.S)
    meta = yaml.safe_load(match.group(1)) if match else None
    return meta.get("title") if isinstance(meta, dict) else None


def page_title(docs_dir: Path, data: Any, lang: str, target: str) -> str:
    """The title of the page a link names ("timeline.md", "activities/x.md"),
    in `lang`: a page generated from data/ takes its item's title, any other
    its front matter's. Descriptive link text for "see" links."""
    folder, _, name = target.rpartition("/")
    if folder in published.GENERATED:
        _, _, field = published.GENERATED[folder]
        return data.by_id(folder)[name.removesuffix(".md")][field][lang]
    path = docs_dir / lang / target
    return _front_matter_title(path, path.stat().st_mtime_ns) or target


def render(overrides_dir: str, template: str, page_src: str, lang: str, **context: Any) -> str:
    """A template of overrides/content/ rendered for one page (`page_src`
    without the language folder). `cite(ids)` gives the page's numbers of
    these sources of context["data"] (hooks/helpers/citations.py)."""
    env = environment(overrides_dir)
    registry = context["data"].sources
    return env.get_template(template).render(
        lang=lang,
        page_src=page_src,
        link=lambda target: relative_link(page_src, target),
        file_link=lambda name: file_link(page_src, lang, name),
        cite=lambda ids: citations.cite(f"{lang}/{page_src}", ids, registry),
        page_title=lambda target: page_title(Path(overrides_dir).parent / "docs", context["data"], lang, target),
        **context,
    )
