"""The accessibility statement (written in docs/*/accessibility.md) has the
parts a Latvian statement under Cabinet Regulation No. 445 has
(shared domain notes): commitment, scope, evaluation and its date,
conformance level, known non-conformities, alternatives, feedback, review."""

from __future__ import annotations

import re

import pytest

from conftest import SITE_URL, SitePage

SECTIONS = ["scope", "evaluation", "conformance", "known-issues", "alternatives", "feedback", "review"]
LEVELS = {"lv": ("daļēji atbilst", "neatbilst", "atbilst"), "en": ("partially compliant", "not compliant", "fully compliant")}
DATE = {"lv": r"\d{4}\. gada \d{1,2}\. [a-zāēīū]+", "en": r"\d{1,2} [A-Z][a-z]+ \d{4}"}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_statement_has_every_part(site_pages: list[SitePage], lang: str) -> None:
    page = next(p for p in site_pages if p.lang == lang and p.source == "accessibility.md")
    article = page.soup.select_one("article")
    text = article.get_text(" ", strip=True)
    missing = [section for section in SECTIONS if article.find(id=section) is None]
    assert not missing, f"sections missing from the {lang} statement: {missing}"
    assert "445" in text and "WCAG 2.1" in text
    assert SITE_URL in text, "the statement names the address it covers"
    assert any(level in article.find(id="conformance").find_next("p").get_text(" ") for level in LEVELS[lang])
    review = article.find(id="review").find_next("p").get_text(" ")
    assert re.search(DATE[lang], review), review
    evaluation = article.find(id="evaluation").find_next("p").get_text(" ")
    assert re.search(DATE[lang], evaluation), evaluation
