"""Search for the record, typed into the real search box without diacritics:
an event and a document are found in each language, and the result leads to
the event's or document's own heading."""

from __future__ import annotations

import pytest

from .test_search import HOME, page, paths, search  # noqa: F401 (page: the fixture)


@pytest.mark.parametrize(
    "lang,query,expected",
    [
        ("lv", "Ziedona zale", "timeline/#strategy-conference"),
        ("en", "Ziedonis Hall", "en/timeline/#strategy-conference"),
        ("lv", "atkartota iedzivotaju aptauja", "timeline/#residents-survey-2023"),
        ("en", "repeat residents survey", "en/timeline/#residents-survey-2023"),
        ("lv", "valstspilsetu darbibas strategija 2027", "documents/#state-cities-strategy-2027"),
        ("en", "operational strategy state cities web page", "en/documents/#state-cities-strategy-2027"),
    ],
)
def test_search_finds_events_and_documents(page, server: str, lang: str, query: str, expected: str) -> None:  # noqa: F811
    results = paths(search(page, server + HOME[lang], query), server)
    assert all(r.startswith("en/") == (lang == "en") for r in results), results
    assert expected in results, results
