"""The content security policy as Chromium applies it, beyond the pages
themselves (test_pages.py checks every page in both languages and both
viewports, during its one visit of each): no securitypolicyviolation event
and no console error with search in use, on the 404 page and on redirect
pages, with JavaScript on and off. A copy of the site with a redirect and an inline
script added to a template shows that the build allows what a template adds,
and a page served with a script the build never saw shows that the watch
catches what the policy blocks. The files' policies: tests/test_csp.py.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import SITE_URL, copy_project

from .conftest import SITE_PATH, VIEWPORTS, _SiteHandler, watch_policy
from .test_search import search

HOME = {"lv": "", "en": "en/"}
# Added to a template in the copy: the build must allow it by its hash.
TEMPLATE_SCRIPT = '<script>document.documentElement.dataset.templateScript = "ran"</script>'


@pytest.fixture(scope="module")
def no_js(browser):
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory):
    """A copy with a redirect (old-about/ -> about/, both languages) and an
    inline script added to the footer template, built and served like the
    real site; its base URL."""
    copy = copy_project(tmp_path_factory.mktemp("csp") / "project")
    redirects = copy / "data" / "redirects.yml"
    redirects.write_text(redirects.read_text(encoding="utf-8").replace(
        "redirects: []", "redirects:\n  - from: old-about/\n    to: about/\n"), encoding="utf-8")
    footer = copy / "overrides" / "partials" / "eea.html"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n" + TEMPLATE_SCRIPT + "\n", encoding="utf-8")
    site = copy / "site"
    result = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(site), "--site-url", SITE_URL],
                            cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (site / "old-about" / "index.html").is_file() and (site / "en" / "old-about" / "index.html").is_file()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SITE_PATH}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_search_in_use_stays_within_the_policy(contexts, server: str, lang: str, viewport: str) -> None:
    page = contexts[viewport].new_page()
    found = watch_policy(page)
    try:
        results = search(page, server + HOME[lang] + "about/", {"lv": "pasvaldibu", "en": "cooperation"}[lang])
        assert results, "the search found nothing"
        page.locator(".md-search-result__list a").first.click()
        page.wait_for_url(results[0])
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_404_page_stays_within_the_policy(contexts, no_js, server: str, lang: str, javascript: bool) -> None:
    page = (contexts["desktop"] if javascript else no_js).new_page()
    found = watch_policy(page)
    missing = server + HOME[lang] + "no-such-page/"
    try:
        assert page.goto(missing).status == 404
        page.wait_for_load_state("networkidle")
        # its inline script ran (allowed by its hash): only one language shows
        shown = [s.get_attribute("lang") for s in page.locator("section.not-found__version").all() if s.is_visible()]
        assert shown == ([lang] if javascript else ["lv", "en"])
    finally:
        page.close()
    # The console reports the 404 status of the page itself: that is the point.
    found.remove(f"{missing}: console: Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_redirect_page_stays_within_the_policy(contexts, no_js, changed_site: str, lang: str, javascript: bool) -> None:
    page = (contexts["desktop"] if javascript else no_js).new_page()
    found = watch_policy(page)
    try:
        fragment = "#budget" if javascript else ""  # only the script keeps a fragment
        page.goto(changed_site + HOME[lang] + "old-about/" + fragment)
        page.wait_for_url(changed_site + HOME[lang] + "about/" + fragment)
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_inline_script_a_template_adds_is_allowed_by_the_build(contexts, changed_site: str, lang: str) -> None:
    page = contexts["desktop"].new_page()
    found = watch_policy(page)
    try:
        page.goto(changed_site + HOME[lang] + "partners/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.templateScript") == "ran"
    finally:
        page.close()
    assert found == [], "\n".join(found)


def test_a_script_the_build_never_saw_is_blocked_and_named(contexts, server: str) -> None:
    page = contexts["desktop"].new_page()
    found = watch_policy(page)
    address = server + "en/about/"

    def with_extra_script(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</body>", "<script>window.extra = 1</script></body>"))

    try:
        page.route(address, with_extra_script)
        page.goto(address)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.extra") is None, "the unknown script ran"
    finally:
        page.close()
    assert any(entry.startswith(address) and "script-src-elem blocked inline" in entry for entry in found), found
    assert any("console: " in entry and "Content Security Policy" in entry for entry in found), found


def test_aligned_table_columns_keep_their_alignment(contexts, server: str) -> None:
    page = contexts["desktop"].new_page()
    try:
        page.goto(server + "about/")
        cells = page.locator("table .align-right")
        assert cells.count() >= 3
        assert all(cell.evaluate("c => getComputedStyle(c).textAlign") == "right" for cell in cells.all())
    finally:
        page.close()
