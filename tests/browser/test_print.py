"""A printed page (print media in chromium): the content, the page's
address and the EEA Grants block; no header, navigation or search."""

from __future__ import annotations

import pytest

from conftest import SITE_URL, load_data

PAGES = ["", "activities/", "partners/ks/", "en/", "en/activities/", "en/partners/ks/"]
HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search", ".md-select", ".md-skip"]


@pytest.mark.parametrize("path", PAGES)
def test_print_shows_content_address_and_eea_block_only(contexts, server: str, path: str) -> None:
    lang = "en" if path.startswith("en/") else "lv"
    page = contexts["desktop"].new_page()
    try:
        page.goto(server + path)
        screen_address = page.locator(".print-address")
        assert not screen_address.is_visible(), "the address shows on screen"
        page.emulate_media(media="print")
        assert page.locator("article h1").is_visible()
        address = page.locator(".print-address")
        assert address.is_visible()
        assert address.inner_text().endswith(SITE_URL + path)
        eea = page.locator(".eea-block")
        assert eea.is_visible()
        assert load_data("project")["slogan"][lang] in eea.inner_text()
        assert load_data("project")["funding_statement"][lang] in eea.inner_text()
        shown = [selector for selector in HIDDEN_IN_PRINT if page.locator(selector).first.is_visible()]
        assert not shown, f"printed with navigation: {shown}"
        assert len(page.pdf(format="A4")) > 1000  # chromium lays the page out for paper
    finally:
        page.close()


@pytest.mark.parametrize("path", ["record/", "en/record/"])
def test_the_whole_record_prints_one_section_a_sheet_with_its_link_addresses(contexts, server: str, path: str) -> None:
    """Printed from the browser, the record page starts each of its
    top-level sections on a new sheet and writes the address after every
    link to another page or site; navigation stays hidden."""
    page = contexts["desktop"].new_page()
    try:
        page.goto(server + path)
        page.emulate_media(media="print")
        breaks = page.locator("section.record-section--level-2").evaluate_all(
            "sections => sections.map(s => getComputedStyle(s).breakBefore)")
        assert len(breaks) >= 5 and set(breaks) == {"page"}, breaks
        after = page.locator("section.record-section a[href^='http']").first.evaluate(
            "a => [a.href, getComputedStyle(a, '::after').content]")
        assert after[0] in after[1], after
        shown = [selector for selector in HIDDEN_IN_PRINT if page.locator(selector).first.is_visible()]
        assert not shown, f"printed with navigation: {shown}"
        assert page.locator(".eea-block").is_visible()
    finally:
        page.close()
