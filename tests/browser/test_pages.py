"""Every page, both languages, a desktop and a phone viewport, in chromium:
axe-core finds no WCAG 2.0/2.1 A or AA violation, the browser asks no host
but the site's own, nothing is stored, no script fails, the content
security policy blocks nothing and the console shows no error, and the
accessibility statement is one visible link away.

All of it is read off one visit per page and viewport (conftest.py,
`visit`). The checks of a viewport are one class, so that `make test`
(`pytest -n 2 --dist loadscope`) runs them on one worker, which visits each
page once; the two viewports run side by side."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import VIEWPORTS, all_pages, page_id

PAGES = [pytest.param(lang, path, id=page_id(lang, path)) for lang, path in all_pages()]
# Material's search index, replaced by one index per language, loaded only
# when the reader types (tests/browser/test_search.py).
SEARCH_FILES = ("search/search_index.json", "search/lv.json", "search/en.json")


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"]) for node in violation["nodes"]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets[:5]}")
    return "\n".join(lines)


class _ChecksOfOneViewport:
    viewport: str

    @pytest.fixture
    def result(self, visit, path: str):
        """The one visit of this page at this viewport."""
        return visit(path, self.viewport)

    @pytest.mark.parametrize("lang,path", PAGES)
    def test_no_wcag_a_or_aa_violations(self, result, lang: str, path: str) -> None:
        assert result.status == 200, result.url
        assert not result.violations, f"{result.url} ({self.viewport}):\n{_describe(result.violations)}"

    @pytest.mark.parametrize("lang,path", PAGES)
    def test_only_the_site_itself_is_requested(self, result, server: str, lang: str, path: str) -> None:
        own = urlsplit(server).netloc
        foreign = [url for url in result.requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]
        assert not foreign, f"{result.url} ({self.viewport}) requested other hosts: {foreign}"
        searched = [url for url in result.requests if url.endswith(SEARCH_FILES)]
        assert not searched, f"{result.url} loaded a search index before the reader searched: {searched}"
        assert result.requests, "no request was recorded: the recorder is broken"
        assert not result.failed, f"{result.url} ({self.viewport}): failed requests {result.failed}"

    @pytest.mark.parametrize("lang,path", PAGES)
    def test_nothing_stored_and_no_script_error(self, result, lang: str, path: str) -> None:
        assert result.cookies == [], f"{result.url} set cookies: {result.cookies}"
        assert result.local_storage == {}, f"{result.url} wrote localStorage: {result.local_storage}"
        assert result.session_storage == {}, f"{result.url} wrote sessionStorage: {result.session_storage}"
        assert result.errors == [], f"{result.url}: script errors {result.errors}"

    @pytest.mark.parametrize("lang,path", PAGES)
    def test_accessibility_statement_is_a_visible_link(self, result, server: str, lang: str, path: str) -> None:
        statement = server + ("en/" if lang == "en" else "") + "accessibility/"
        name = {"lv": "Piekļūstamības paziņojums", "en": "Accessibility statement"}[lang]
        assert (statement, name, True) in result.footer_links, f"{result.url} ({self.viewport}): {result.footer_links}"

    @pytest.mark.parametrize("lang,path", PAGES)
    def test_no_policy_violation_or_console_error(self, result, lang: str, path: str) -> None:
        assert result.status == 200
        assert result.policy == [], f"{result.url} ({self.viewport}):\n" + "\n".join(result.policy)


class TestDesktop(_ChecksOfOneViewport):
    viewport = "desktop"


class TestPhone(_ChecksOfOneViewport):
    viewport = "phone"


def test_every_viewport_has_its_class() -> None:
    assert {checks.viewport for checks in _ChecksOfOneViewport.__subclasses__()} == set(VIEWPORTS)
