"""Every page, both languages, a desktop and a phone viewport, in chromium:
axe-core finds no WCAG 2.0/2.1 A or AA violation, the browser asks no host
but the site's own, nothing is stored, no script fails, and the
accessibility statement is one visible link away."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import VIEWPORTS, all_pages, page_id

PAGES = all_pages()
CASES = [pytest.param(lang, path, viewport, id=f"{viewport}-{page_id(lang, path)}") for viewport in VIEWPORTS for lang, path in PAGES]
# Material's search index, replaced by one index per language, loaded only
# when the reader types (tests/browser/test_search.py).
SEARCH_FILES = ("search/search_index.json", "search/lv.json", "search/en.json")


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"]) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets[:5]}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang,path,viewport", CASES)
def test_no_wcag_a_or_aa_violations(visit, lang: str, path: str, viewport: str) -> None:
    result = visit(path, viewport)
    assert result.status == 200, result.url
    assert not result.violations, f"{result.url} ({viewport}):\n{_describe(result.violations)}"


@pytest.mark.parametrize("lang,path,viewport", CASES)
def test_only_the_site_itself_is_requested(visit, server: str, lang: str, path: str, viewport: str) -> None:
    result = visit(path, viewport)
    own = urlsplit(server).netloc
    foreign = [url for url in result.requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]
    assert not foreign, f"{result.url} ({viewport}) requested other hosts: {foreign}"
    searched = [url for url in result.requests if url.endswith(SEARCH_FILES)]
    assert not searched, f"{result.url} loaded a search index before the reader searched: {searched}"
    assert result.requests, "no request was recorded: the recorder is broken"
    assert not result.failed, f"{result.url} ({viewport}): failed requests {result.failed}"


@pytest.mark.parametrize("lang,path,viewport", CASES)
def test_nothing_stored_and_no_script_error(visit, lang: str, path: str, viewport: str) -> None:
    result = visit(path, viewport)
    assert result.cookies == [], f"{result.url} set cookies: {result.cookies}"
    assert result.local_storage == {}, f"{result.url} wrote localStorage: {result.local_storage}"
    assert result.session_storage == {}, f"{result.url} wrote sessionStorage: {result.session_storage}"
    assert result.errors == [], f"{result.url}: script errors {result.errors}"


@pytest.mark.parametrize("lang,path,viewport", CASES)
def test_accessibility_statement_is_a_visible_link(visit, server: str, lang: str, path: str, viewport: str) -> None:
    result = visit(path, viewport)
    statement = server + ("en/" if lang == "en" else "") + "accessibility/"
    name = {"lv": "Piekļūstamības paziņojums", "en": "Accessibility statement"}[lang]
    assert (statement, name, True) in result.footer_links, f"{result.url} ({viewport}): {result.footer_links}"
