"""`make bench` without running it: which pages Lighthouse audits
(scripts/lighthouse_bench.py). The bench itself runs in CI after `make test`
(`make bench-quick`, .ci/run): its targets are figures to watch, not tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LANGUAGE_PREFIX, LANGUAGES, SITE_URL

import lighthouse_bench  # noqa: E402 - scripts/, put on sys.path by conftest

BASE = "http://127.0.0.1:8000/pasvaldibu-sadarbiba/"  # where the bench serves the site


def test_lighthouse_audits_each_chosen_page_in_every_language(site: Path) -> None:
    audited = lighthouse_bench.pages_to_audit(site, BASE)
    kinds = list(dict.fromkeys(kind for kind, _, _ in audited))
    assert kinds[0] == "home" and len(kinds) == 4
    for kind in kinds:
        addresses = {lang: url.removeprefix(BASE) for k, lang, url in audited if k == kind}
        assert sorted(addresses) == sorted(LANGUAGES), kind
        # Each one the same page in its language: the Latvian address under the language's prefix.
        assert {lang: address.removeprefix(LANGUAGE_PREFIX[lang]) for lang, address in addresses.items()} == {
            lang: addresses["lv"] for lang in LANGUAGES}, kind
        for address in addresses.values():
            assert (site / address / "index.html").is_file(), address
    assert lighthouse_bench.pages_to_audit(site, BASE, quick=True) == [row for row in audited if row[0] == "home"]


@pytest.fixture
def site_copy(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def test_a_link_of_another_type_is_no_language_version(site: Path, site_copy: Path) -> None:
    home = site_copy / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace(
        "</head>", f'<link rel="alternate" type="application/atom+xml" hreflang="lv" href="{SITE_URL}feed.xml"></head>'),
        encoding="utf-8")
    assert lighthouse_bench.pages_to_audit(site_copy, BASE) == lighthouse_bench.pages_to_audit(site, BASE)


def test_an_alternate_that_is_no_page_of_the_site_stops_the_bench(site_copy: Path) -> None:
    home = site_copy / "index.html"
    text = home.read_text(encoding="utf-8")
    alternate = f'hreflang="en" href="{SITE_URL}en/"'
    assert alternate in text
    home.write_text(text.replace(alternate, f'hreflang="en" href="{SITE_URL}en/feed.xml"'), encoding="utf-8")
    with pytest.raises(lighthouse_bench.CannotAudit, match=r"^/: its en alternate \S+/en/feed.xml is not an HTML page of the built site$"):
        lighthouse_bench.pages_to_audit(site_copy, BASE)
