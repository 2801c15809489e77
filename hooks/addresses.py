"""Addresses hook: published addresses never break, and every page names its own.

Events: on_config (forget the heading ids of the previous build); on_files
(the manifest guard: every address in data/addresses.txt must still be
produced by this build, as a page, a file or a redirect of
data/redirects.yml, or the build stops naming the address and the redirect
to add); on_page_content (headings below the title carry the same ids in
every language, so deep links work in both); on_page_context (`head_links`
for overrides/partials/head-links.html: the page's absolute canonical URL and
its hreflang alternates, every language version and x-default);
on_post_build (the CNAME file GitHub Pages needs when site_url is a custom
domain at its root). Reads data/addresses.txt, data/redirects.yml and the
Files of the build; writes only CNAME into site_dir.

The manifest is rewritten by `make addresses` (scripts/address_manifest.py --write)
and checked for staleness by `make check`; this hook only guards against
losing an address, which is what breaks other sites' links.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from helpers import published, redirect_rules, sitedata

# Hosts that are not custom domains: GitHub Pages' own, and local previews.
_NOT_CUSTOM = (".github.io", "localhost", "127.0.0.1")


def read_manifest(path: Path) -> list[tuple[int, str]]:
    """(line number, address without the leading "/") of every address in the manifest."""
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append((number, line.removeprefix("/")))
    return entries


def lost_addresses(root: Path, produced: set[str], site: published.Site) -> list[str]:
    """One message per lost address (all its languages together) that this
    build no longer produces although the manifest lists it."""
    listed = read_manifest(root / published.MANIFEST)
    lost: dict[str, list[tuple[int, published.Language]]] = {}
    for line, address in listed:
        if address not in produced:
            lang, rest = site.split(address)
            lost.setdefault(rest, []).append((line, lang))
    new_pages = [site.split(a) for a in produced - {a for _, a in listed} if a.endswith("/")]
    messages = []
    for address, where in lost.items():
        folder = address.split("/")[0]
        cause = ""
        if folder in published.GENERATED and address.count("/") >= 2:
            cause = f" Did an id in {published.GENERATED[folder][0]} change? The old id is \"{address.rstrip('/').split('/')[-1]}\"."
        # A single new page in the same language is most likely where the page went.
        candidates = {rest for lang, rest in new_pages if lang == where[0][1]}
        target = candidates.pop() if len(candidates) == 1 else "<the address of the page that replaces it>"
        only = "" if len(where) == len(site.languages) else f"    languages: [{', '.join(lang.code for _, lang in where)}]\n"
        lines = ", ".join(f"{published.MANIFEST}:{line} /{lang.prefix}{address}" for line, lang in where)
        messages.append(
            f"{lines}: published once, no longer produced by this build.{cause} "
            f"Other sites link to it, so add to {redirect_rules.FILE}:\n"
            f"  - from: {address}\n    to: {target}\n{only}"
            "(or restore the page). Only an address that was never published may be deleted from the manifest."
        )
    return messages


@event_priority(50)  # after hooks/pages.py added the generated pages, before i18n keeps one language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = published.project_root(config)
    site = published.current()
    try:
        redirects = redirect_rules.load(root, site.languages)
    except sitedata.DataError:
        return files  # reported by hooks/redirects.py
    lost = lost_addresses(root, site.addresses() | {r.source for r in redirects}, site)
    if lost:
        raise PluginError("Published addresses would break (nothing was published):\n" + "\n".join(lost))
    return files


def head_links(page: Page) -> dict[str, Any]:
    """The page's absolute canonical address and its hreflang alternates."""
    site = published.current()
    lang = page.file.locale
    source = page.file.src_uri.removeprefix(f"{lang}/")
    own = site.versions(source).get(lang)
    return {"canonical": site.absolute(own.address if own else page.url), "alternates": site.alternates(source)}


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["head_links"] = head_links(page)
    return context


def _heading_ids(items: list[Any]) -> set[str]:
    ids = set()
    for item in items:
        if item.level >= 2:  # the h1 is the page itself: its address is the link
            ids.add(item.id)
        ids |= _heading_ids(item.children)
    return ids


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Deep links (page/#id) must work in both languages: compare this page's
    heading ids with those of its other language versions built before it."""
    lang = page.file.locale
    source = page.file.src_uri.removeprefix(f"{lang}/")
    ids = _heading_ids(page.toc.items)
    seen = _heading_ids_seen.setdefault(source, {})
    seen[lang] = ids
    for other, other_ids in seen.items():
        if other != lang and other_ids != ids:
            where = published.GENERATED[source.split("/")[0]][0] if page.meta.get("generated_from") else None
            raise PluginError(
                f"{where or f'docs/{lang}/{source}'}: the heading ids differ from the {other} version "
                f"(docs/{other}/{source}): only in {lang}: {sorted(ids - other_ids) or 'none'}; "
                f"only in {other}: {sorted(other_ids - ids) or 'none'}. Other sites may link to a heading "
                "(page/#id): give each heading below the title an explicit id, the same in both languages, "
                "for example `## Mērķis {#goal}` and `## Goal {#goal}`."
            )
    return html


_heading_ids_seen: dict[str, dict[str, set[str]]] = {}  # source -> language -> ids


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not published.building_other_language(config):
        _heading_ids_seen.clear()  # the first language of a new build (the i18n plugin builds the others inside it)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    url = urlsplit(config.site_url or "")
    host = url.hostname or ""
    # A custom domain serves this repository's site at its root; a sub-path
    # under a custom domain belongs to another repository's CNAME.
    if host and url.path in ("", "/") and not any(host == h.lstrip(".") or host.endswith(h) for h in _NOT_CUSTOM):
        (Path(config.site_dir) / "CNAME").write_text(host + "\n", encoding="utf-8")
