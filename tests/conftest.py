"""Shared fixtures: the real site, built once per test session.

Every test asserts on what a reader would get: the HTML files, the sitemap
and the other files of that build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.append(str(ROOT / "hooks"))  # after scripts/: `helpers`, the package the hooks share

from build import build_site  # noqa: E402

LANGUAGES = ("lv", "en")
LANGUAGE_PREFIX = {"lv": "", "en": "en/"}
# A GitHub Pages project address: the site lives under a sub-path.
SITE_URL = "https://lps-lv.github.io/pasvaldibu-sadarbiba/"


@dataclass(frozen=True)
class SitePage:
    lang: str
    path: str  # address below the site root, "" for the Latvian home, "en/about/"
    source: str  # page path without the language folder, "about.md"
    file: Path

    @property
    def soup(self) -> BeautifulSoup:
        return _parse(self.file)


_soups: dict[Path, BeautifulSoup] = {}


def _parse(file: Path) -> BeautifulSoup:
    if file not in _soups:
        _soups[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return _soups[file]


PROJECT_CONTENT = ("mkdocs.yml", "docs", "data", "overrides", "hooks", "scripts")


def copy_project(target: Path) -> Path:
    """What a build reads, copied into `target` (without caches and builds),
    for tests that change the content: never the repository itself."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_CONTENT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session", autouse=True)
def _one_base_build_per_session(tmp_path_factory: pytest.TempPathFactory):
    """`make check` in a git copy of the project builds the main branch's
    commit to compare the change with (scripts/editor_checks/base_site.py).
    Every copy made from `published_repository` has the same main commit:
    one build of it serves the whole session (per xdist worker)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BASE_SITE_CACHE", str(tmp_path_factory.mktemp("base-site-cache")))
        yield


@pytest.fixture(scope="session")
def published_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as git has it, as a repository whose branch main holds it
    (scripts/change_example.py: always the same commit for the same content)."""
    from change_example import published_copy

    return published_copy(tmp_path_factory.mktemp("published") / "project")


def editor_clone(published: Path, target: Path, branch: str = "editor") -> Path:
    """A clone of the published repository on a new branch, as an editor's
    pull request starts: with the project's virtual environment linked in."""
    subprocess.run(["git", "clone", "--quiet", str(published), str(target)], check=True, capture_output=True)
    subprocess.run(["git", "checkout", "--quiet", "-b", branch], cwd=target, check=True, capture_output=True)
    for venv in (".venv", ".venv-properdocs"):
        if (ROOT / venv).is_dir():
            (target / venv).symlink_to(ROOT / venv)
    # make's rule installs again when the lock file is newer than the
    # environment: a clone's files are all new.
    os.utime(target / "requirements.lock", (0, 0))
    return target


@pytest.fixture(scope="session", autouse=True)
def _not_as_a_github_step():
    """The tests run `make check` in copies of the project. Inside GitHub
    Actions (the test job) it would turn its lines into annotations of that
    job and write to its summary: the tests that want this set it themselves
    (tests/test_editor_checks.py). The repository the workflow names
    (REPO_URL, EDIT_URI) is not that of the tests' builds either: they build
    with mkdocs.yml's defaults, and tests/test_repository.py with others."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_BASE_REF", "REPO_URL", "EDIT_URI"):
            patch.delenv(name, raising=False)
        yield


def load_data(name: str):
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def page_sources() -> list[str]:
    """Every page of the site without the language folder: the Markdown pages
    of docs/lv/ and the pages generated from data/."""
    sources = sorted(str(p.relative_to(ROOT / "docs" / "lv")) for p in (ROOT / "docs" / "lv").rglob("*.md"))
    sources += [f"activities/{a['id']}.md" for a in load_data("activities")["activities"]]
    sources += [f"partners/{p['id']}.md" for p in load_data("partners")["partners"]]
    return sources


def address_of(source: str) -> str:
    """The directory-style address of a page source: "about.md" -> "about/"."""
    stem = source[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once, as GitHub Pages would publish it."""
    return build_site(tmp_path_factory.mktemp("build") / "site", SITE_URL)


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[SitePage]:
    pages = []
    for source in page_sources():
        for lang in LANGUAGES:
            path = LANGUAGE_PREFIX[lang] + address_of(source)
            pages.append(SitePage(lang, path, source, site / path / "index.html"))
    return pages
