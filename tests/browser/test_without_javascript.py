"""With JavaScript off: every page shows its content, its navigation and a
working language switcher; on a phone the menu still opens."""

from __future__ import annotations

import pytest

from .conftest import VIEWPORTS, all_pages, page_id

OTHER = {"lv": "en", "en": "lv"}
HOME = {"lv": "", "en": "en/"}


@pytest.fixture(scope="module")
def no_js(browser):
    contexts = {name: browser.new_context(java_script_enabled=False, **options) for name, options in VIEWPORTS.items()}
    for context in contexts.values():
        context.set_default_timeout(10_000)
    yield contexts
    for context in contexts.values():
        context.close()


def other_language_address(server: str, lang: str, path: str) -> str:
    return server + HOME[OTHER[lang]] + path.removeprefix(HOME[lang])


@pytest.mark.parametrize("lang,path", [pytest.param(lang, path, id=page_id(lang, path)) for lang, path in all_pages()])
def test_content_navigation_and_switcher_without_javascript(no_js, server: str, lang: str, path: str) -> None:
    page = no_js["desktop"].new_page()
    try:
        page.goto(server + path)
        # search.js marks the page when it runs: it must not have.
        assert "site-js" not in (page.get_attribute("html", "class") or ""), "JavaScript ran"
        assert page.locator("article h1").is_visible()
        assert len(page.locator("article").inner_text()) > 100
        nav = page.locator(".md-sidebar--primary a.md-nav__link")
        visible = [link for link in nav.all() if link.is_visible()]
        assert len(visible) >= 6, f"{path}: {len(visible)} navigation links visible"
        page.hover(".md-select")
        page.click(f"a.md-select__link[hreflang={OTHER[lang]}]")
        page.wait_for_url(other_language_address(server, lang, path))
        assert page.get_attribute("html", "lang") == OTHER[lang]
        # and a navigation link of that page leads on
        target = "results/" if path.endswith("about/") else "about/"
        page.locator(f".md-sidebar--primary a.md-nav__link[href$='{target}']").first.click()
        page.wait_for_url(server + HOME[OTHER[lang]] + target)
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_phone_menu_and_switcher_without_javascript(no_js, server: str, lang: str) -> None:
    page = no_js["phone"].new_page()
    try:
        page.goto(server + HOME[lang])  # the drawer opens at the top level
        about = page.locator(".md-sidebar--primary a.md-nav__link[href$='about/']").first
        page.click("label.md-header__button[for=__drawer]")
        about.wait_for(state="visible")
        about.click()
        page.wait_for_url(server + HOME[lang] + "about/")
        page.click(".md-select button")
        page.click(f"a.md-select__link[hreflang={OTHER[lang]}]")
        page.wait_for_url(other_language_address(server, lang, "about/" if lang == "lv" else "en/about/"))
    finally:
        page.close()
