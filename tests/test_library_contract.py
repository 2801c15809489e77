"""What the site assumes of its libraries beyond their documented events and
options (hooks/helpers/compat.py), and the Material blocks and partials it
overrides: each test names the library, its installed version and the
assumption, so an upgrade that breaks one fails here, not in an editor's
build."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT

from helpers import compat, published
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
