"""What the site assumes of its libraries beyond their documented events and
options (hooks/helpers/compat.py), and the Material blocks and partials it
overrides: each test names the library, its installed version and the
assumption, so an upgrade that breaks one fails here, not in an editor's
build.

MkDocs' wording of its link and navigation warnings is checked under both
engines, MkDocs and ProperDocs (its fork, in .venv-properdocs): a small site
with one mistake of each kind is built by tests/engine_warnings.py in each
engine's own Python, and every warning hooks/page_checks.py rewrites must
still be logged, in the words compat.py reads, by a logger it names."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT

from helpers import compat, published
import page_checks
import theme_copies


def broken(library: str, assumption: str) -> str:
    return f"{library} {metadata.version(library)} no longer {assumption} (hooks/helpers/compat.py)"


@pytest.fixture(scope="module")
def config():
    """The site's configuration after every plugin's and hook's on_config,
    as in the first language build."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_i18n_tells_which_language_it_builds(config) -> None:
    assert compat.building_language(config) == "lv", broken("mkdocs-static-i18n", "names the language it builds in `current_language`")
    assert compat.building_other_language(config) is False, broken("mkdocs-static-i18n", "says in `building` whether it builds a further language")


def test_i18n_has_a_switcher_to_each_home(config) -> None:
    homes = compat.home_switcher(config)
    assert isinstance(homes, list) and [h["lang"] for h in homes] == ["lv", "en"], broken(
        "mkdocs-static-i18n", "keeps its switcher to each language's home in `extra_alternate`"
    )


def test_macros_errors_become_one_line_naming_the_page(config, tmp_path: Path) -> None:
    file = File("lv/contract.md", str(ROOT / "docs"), str(tmp_path), True)  # no such file: no front matter to count
    page = Page("Contract", file, config)
    try:
        config.plugins["macros"].on_page_markdown("Text.\n\n{{ no_such_macro() }}\n", page=page, config=config, files=Files([file]))
        outcome = "no error"
    except PluginError as error:
        outcome = str(error)
    except BaseException as error:  # noqa: BLE001 - the plugin's own exit() included
        outcome = repr(error)
    assert outcome.startswith("docs/lv/contract.md:3: 'no_such_macro' is not defined"), broken(
        "mkdocs-macros-plugin", f"logs a page's error to {compat.MACROS_ERROR_LOGGER} naming the page, while handling it"
    )
    assert compat.macro_names(config), broken("mkdocs-macros-plugin", "lists the defined macros in `macros`")


MATERIAL = theme_copies.MATERIAL_TEMPLATES


@pytest.mark.parametrize("block", sorted({
    name for template in (ROOT / "overrides").glob("*.html")
    for name in re.findall(r"\{%-? block (\w+)", template.read_text(encoding="utf-8"))
}))
def test_material_still_has_the_blocks_we_override(block: str) -> None:
    assert re.search(r"\{%-? block " + block + r"\b", (MATERIAL / "base.html").read_text(encoding="utf-8")), (
        f"mkdocs-material {metadata.version('mkdocs-material')} has no block {block} in base.html any more: "
        "overrides/ fills a block Material no longer renders"
    )


@pytest.mark.parametrize("partial", sorted(
    path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides" / "partials").rglob("*.html")
    if (MATERIAL / path.relative_to(ROOT / "overrides")).exists() or path.parent.name == "javascripts"
))
def test_material_still_includes_the_partials_we_replace(partial: str) -> None:
    templates = "".join(p.read_text(encoding="utf-8") for p in MATERIAL.rglob("*.html"))
    if partial.startswith("partials/languages/"):
        # The interface strings of a language: Material imports the file of
        # the language it builds (mkdocs-static-i18n sets theme.language to
        # each language of the site in turn).
        assert '"partials/languages/" ~ config.theme.language ~ ".html"' in templates, (
            f"mkdocs-material {metadata.version('mkdocs-material')} no longer imports partials/languages/<theme language>.html: "
            f"overrides/{partial} replaces nothing"
        )
        languages = [lang.code for lang in published.languages_of(ROOT)]
        assert partial.removeprefix("partials/languages/").removesuffix(".html") in languages, (partial, languages)
        return
    assert f'"{partial}"' in templates, (
        f"mkdocs-material {metadata.version('mkdocs-material')} no longer includes {partial}: "
        f"overrides/{partial} replaces nothing"
    )


# --- MkDocs' warnings, as hooks/page_checks.py reads them -----------------------

ENGINE_PYTHON = {"mkdocs": Path(sys.executable), "properdocs": ROOT / ".venv-properdocs" / "bin" / "python"}


class _EnvDefaults(yaml.SafeLoader):
    """mkdocs.yml uses !ENV [NAME, default]: read the default."""


_EnvDefaults.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


@pytest.fixture(scope="module", params=list(ENGINE_PYTHON))
def engine_warnings(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the engine logged building tests/engine_warnings.py's small site,
    with the real site's `validation` levels."""
    python = ENGINE_PYTHON[request.param]
    if not python.exists():
        pytest.fail(f"{python.relative_to(ROOT)} is missing: run `make {'install' if request.param == 'mkdocs' else 'properdocs'}` (`make test` runs it).")
    validation = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvDefaults)["validation"]
    folder = tmp_path_factory.mktemp(f"warnings-{request.param}") / "site"
    result = subprocess.run([str(python), str(ROOT / "tests" / "engine_warnings.py"), str(folder), json.dumps(validation)],
                            capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true"))
    assert result.returncode == 0, f"{request.param}: the small site did not build:\n{result.stderr}"
    found = json.loads(result.stdout)
    assert found["engine"] == request.param
    return found


def _link(src: str, link: str, problem=None):
    """A warning about one link of one page; `problem(text)` reads the rest."""
    def matches(message: str) -> bool:
        found = compat.LINK_WARNING.match(message)
        return bool(found) and (found["src"], found["link"]) == (src, link) and (problem is None or problem(found["problem"]))
    return matches


def _not_found(target=None, suggestion=None):
    def matches(problem: str) -> bool:
        found = compat.TARGET_NOT_FOUND.match(problem)
        return bool(found) and (found["target"], found["suggestion"]) == (target, suggestion)
    return matches


def _unrecognized(kind: str, link: str):
    def matches(message: str) -> bool:
        found = compat.UNRECOGNIZED_LINK.match(message)
        return bool(found) and (found["src"], found["kind"], found["link"]) == ("index.md", kind, link)
    return matches


# Each mistake of tests/engine_warnings.py's site: the compat.py names that
# read its warning, and what they must read out of it.
WARNINGS = {
    "a link to a page that is not there": (
        "LINK_WARNING, TARGET_NOT_FOUND", _link("index.md", "missing.md", _not_found())),
    "a link from a folder to a page that is not there (the target named)": (
        "LINK_WARNING, TARGET_NOT_FOUND", _link("sub/page.md", "../missing.md", _not_found(target="missing.md"))),
    "a link with MkDocs' guess of the page meant": (
        "LINK_WARNING, TARGET_NOT_FOUND", _link("index.md", "other.html", _not_found(suggestion="other.md"))),
    "an image that is not there": (
        "LINK_WARNING, TARGET_NOT_FOUND", _link("index.md", "missing.png", _not_found())),
    "an anchor the other page lacks": (
        "LINK_WARNING, OTHER_PAGE_ANCHOR", _link("index.md", "other.md#nowhere", lambda problem: bool(
            (found := compat.OTHER_PAGE_ANCHOR.match(problem)) and (found["target"], found["anchor"]) == ("other.md", "nowhere")))),
    "an anchor this page lacks": (
        "LINK_WARNING, SAME_PAGE_ANCHOR", _link("index.md", "#nowhere", lambda problem: problem.startswith(compat.SAME_PAGE_ANCHOR))),
    "a link without a page file": ("UNRECOGNIZED_LINK", _unrecognized("unrecognized relative", "other/")),
    "an absolute link": ("UNRECOGNIZED_LINK", _unrecognized("absolute", "/other.md")),
    "a page not in the navigation": (
        "NOT_IN_NAV", lambda message: message.startswith(compat.NOT_IN_NAV) and message.splitlines()[1:] == ["  - orphan.md"]),
    "a navigation entry without its page": (
        "NAV_TARGET_MISSING", lambda message: bool((found := compat.NAV_TARGET_MISSING.match(message)) and found["link"] == "ghost.md")),
}


@pytest.mark.parametrize("mistake", list(WARNINGS))
def test_the_engine_words_its_warnings_as_compat_reads_them(engine_warnings: dict, mistake: str, tmp_path: Path) -> None:
    names, matches = WARNINGS[mistake]
    engine = f"{engine_warnings['engine']} {engine_warnings['version']}"
    logged = engine_warnings["warnings"]
    found = [record for record in logged if matches(record["message"])]
    assert len(found) == 1, (
        f"{engine} no longer warns about {mistake} in the words hooks/helpers/compat.py reads ({names}): "
        "hooks/page_checks.py would pass its warning on unexplained. It logged:\n" + "\n".join(r["message"] for r in logged)
    )
    (record,) = found
    assert record["level"] >= 30, f"{engine} logs {mistake} below WARNING: --strict no longer fails on it"
    assert record["logger"] in engine_warnings["compat_loggers"], (
        f"{engine} logs {mistake} to the logger {record['logger']}, not to one of compat.WARNING_LOGGERS "
        f"{engine_warnings['compat_loggers']}: hooks/page_checks.py's filter never sees it"
    )
    # And our side of the contract: the hook makes one line of it.
    langs = [published.Language("lv", "Latviešu", "", True), published.Language("en", "English", "en/", False)]
    rewritten = page_checks._EditorMessages(tmp_path, tmp_path / "docs", langs).rewrite(record["message"])
    assert rewritten and "docs/" in rewritten, f"hooks/page_checks.py does not rewrite {engine}'s warning: {record['message']}"
