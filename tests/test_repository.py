"""The site names the repository it is built from (hooks/repository.py,
mkdocs.yml's repo_url and edit_uri): built from another repository and
branch, every "edit this page" link, the contact page's mistake form and
the accessibility page's issues link lead there, and nothing in the site
names the default repository any more; on GitHub Actions a build that was
not told the repository stops with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGE_PREFIX, LANGUAGES, ROOT, SITE_URL, address_of, page_sources

from build import BuildError, build_into

FORK = "https://git.example.org/someone/record-fork"
BRANCH = "trunk"
# Pages generated from data/: their edit link opens the data file.
GENERATED = {"activities": "data/activities.yml", "partners": "data/partners.yml"}


class _EnvDefaults(yaml.SafeLoader):
    """mkdocs.yml uses !ENV [NAME, default]: read the default."""


_EnvDefaults.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
DEFAULT_REPO_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvDefaults)["repo_url"]


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built on GitHub Actions from another repository, whose
    default branch is another one."""
    out = tmp_path_factory.mktemp("fork") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GITHUB_ACTIONS", "true")
        patch.setenv("REPO_URL", FORK)
        patch.setenv("EDIT_URI", f"edit/{BRANCH}/docs/")
        build_into(out, SITE_URL)
    return out


def _soup(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_edit_link_opens_the_source_in_that_repository_and_branch(fork_site: Path) -> None:
    for source in page_sources():
        folder = source.split("/")[0]
        for lang in LANGUAGES:
            address = LANGUAGE_PREFIX[lang] + address_of(source)
            generated = folder in GENERATED and not (ROOT / "docs" / lang / source).is_file()
            expected = f"{FORK}/edit/{BRANCH}/{GENERATED[folder] if generated else f'docs/{lang}/{source}'}"
            assert [a["href"] for a in _soup(fork_site, address).select("a[rel=edit]")] == [expected], address


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_mistake_form_and_the_issues_are_those_of_that_repository(fork_site: Path, lang: str) -> None:
    contact = [a["href"] for a in _soup(fork_site, LANGUAGE_PREFIX[lang] + "contact/").select("article a[href*='/issues']")]
    assert contact == [f"{FORK}/issues/new?template=report-a-mistake.yml"]
    accessibility = [a["href"] for a in _soup(fork_site, LANGUAGE_PREFIX[lang] + "accessibility/").select("article a[href*='/issues']")]
    assert accessibility == [f"{FORK}/issues"]


def test_nothing_in_the_site_names_the_default_repository(fork_site: Path) -> None:
    assert DEFAULT_REPO_URL.startswith("https://") and DEFAULT_REPO_URL != FORK
    default = DEFAULT_REPO_URL.split("://", 1)[1].encode()
    naming = [p.relative_to(fork_site).as_posix() for p in fork_site.rglob("*") if p.is_file() and default in p.read_bytes()]
    assert naming == []
    assert any(FORK.encode() in p.read_bytes() for p in fork_site.rglob("*.html"))


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "REPO_URL and EDIT_URI are not set"),
        ({"REPO_URL": FORK}, "EDIT_URI is not set"),
        ({"EDIT_URI": "edit/main/docs/"}, "REPO_URL is not set"),
        # What `edit/${{ github.event.repository.default_branch }}/docs/` gives on a schedule.
        ({"REPO_URL": FORK, "EDIT_URI": "edit//docs/"}, "EDIT_URI is 'edit//docs/', not edit/<branch>/docs/"),
    ],
    ids=["neither", "no-branch", "no-repository", "empty-branch"],
)
def test_a_build_on_github_actions_not_told_the_repository_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], named: str
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(BuildError) as stopped:
        build_into(tmp_path / "site", SITE_URL)
    (line,) = str(stopped.value).splitlines()
    assert line.startswith("mkdocs.yml: on GitHub Actions the build must name the repository it is built from"), line
    assert f"but {named}" in line and "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in line, line


def test_a_local_build_takes_the_defaults(site: Path) -> None:
    """Not on GitHub Actions (the session's build): mkdocs.yml's defaults."""
    assert _soup(site, "about/").select_one("a[rel=edit]")["href"].startswith(f"{DEFAULT_REPO_URL}/edit/")
