"""Pages generated from data/: an item added to the YAML gets its pages in
both languages, its place in the navigation and on the overview page, at an
address derived from its id, without touching docs/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SITE_URL, copy_project

NEW_SOURCE = """
  - id: closing-conference-news
    url: https://www.example.org/closing-conference
    title: Noslēguma konference
    language: lv
    kind: news
    publisher: lps
"""

NEW_ACTIVITY = """
  - id: closing-conference
    number: 7
    title:
      lv: Noslēguma konference
      en: Closing conference
    summary:
      lv: Projekta rezultātu prezentācija pašvaldībām.
      en: Presenting the project's results to local governments.
    description:
      lv: Konferencē pašvaldības iepazinās ar projekta rezultātiem.
      en: At the conference local governments learned about the project's results.
    partners: [lps, ks]
    results: [closing-conference]
    sources: [closing-conference-news]
"""

NEW_RESULT = """
  - id: closing-conference
    number: 11
    activity: closing-conference
    title:
      lv: Noslēguma konference
      en: Closing conference
    registered:
      language: en
      text: Closing conference held.
      translation:
        lv: Notikusi noslēguma konference.
      sources: [closing-conference-news]
    evidence:
      - text:
          lv: Konferencē pašvaldības iepazinās ar projekta rezultātiem.
          en: At the conference local governments learned about the project's results.
        sources: [closing-conference-news]
"""


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, with one activity added and another one renamed."""
    copy = copy_project(tmp_path_factory.mktemp("edited"))
    activities = copy / "data" / "activities.yml"
    text = activities.read_text(encoding="utf-8").replace("Mācību vizītes\n", "Mācību braucieni\n", 1)
    activities.write_text(text + NEW_ACTIVITY, encoding="utf-8")
    results = copy / "data" / "results.yml"
    results.write_text(results.read_text(encoding="utf-8") + NEW_RESULT, encoding="utf-8")
    sources = copy / "data" / "sources.yml"  # registered once, cited by its id
    sources.write_text(sources.read_text(encoding="utf-8") + NEW_SOURCE, encoding="utf-8")
    site = copy / "site"
    build = subprocess.run(
        [sys.executable, str(copy / "scripts" / "build.py"), "--site-dir", str(site), "--site-url", SITE_URL],
        cwd=copy, capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    return site


@pytest.mark.parametrize("prefix,title,nav_title", [("", "Noslēguma konference", "Aktivitātes"), ("en/", "Closing conference", "Activities")])
def test_new_activity_gets_its_page_overview_entry_and_nav_link(edited_site: Path, prefix: str, title: str, nav_title: str) -> None:
    page = BeautifulSoup((edited_site / prefix / "activities/closing-conference/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == title
    overview = BeautifulSoup((edited_site / prefix / "activities/index.html").read_text(encoding="utf-8"), "html.parser")
    assert title in overview.select_one("article").get_text()
    nav_links = [a.get_text(strip=True) for a in overview.select("nav.md-nav--primary a")]
    assert title in nav_links
    assert nav_title in " ".join(nav_links) or nav_title in overview.select_one("nav.md-nav--primary").get_text()
    # It cites its source, which its Sources list names.
    sources = page.select("article ol.sources > li")
    assert [li.find("a")["href"] for li in sources] == ["https://www.example.org/closing-conference"]
    assert page.select_one("article sup.cite a")["href"] == "#source-1"


def test_renaming_an_activity_keeps_its_address(edited_site: Path) -> None:
    page = BeautifulSoup((edited_site / "activities/study-visits/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True) == "Mācību braucieni"


def test_generated_pages_write_nothing_into_docs(edited_site: Path) -> None:
    docs = edited_site.parent / "docs"
    assert not list(docs.rglob("closing-conference*"))
    assert not (docs / "lv" / "activities" / "study-visits.md").exists()
