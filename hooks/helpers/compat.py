# compatibility layer
"""What the hooks read from the plugins that the plugins do not document (not a hook).

Every use of a library's state that has no documented, public way lives
here, with why; tests/test_library_contract.py fails naming the library,
its installed version and the assumption when an upgrade breaks one. Nothing
here replaces or assigns anything of a library: it only reads.

mkdocs-static-i18n (its plugin object, config.plugins["i18n"]):
- `current_language`: the language being built. The plugin builds every
  language in one `mkdocs build` and sets no public marker of which one;
  page hooks use page.file.locale instead, but events without a page
  (on_files, on_post_build, on_template_context) need this.
- `building`: true inside its builds of the languages after the first,
  which it runs from the first build's on_post_build; the hooks that write
  one file for the whole site (404.html) or reset per-site state need it.
- `extra_alternate`: its language switcher pointing at each language's
  home, before it rewrites the switcher for each page; the one 404 page
  needs that, not the last page's switcher.

MkDocs:
- every page's Markdown is read and rendered (each File's `page`, with its
  `content` and `toc`) before the `env` event: the build reads all pages,
  then makes the template environment, then renders the templates. The
  documentation describes the events one by one but does not promise this
  order; hooks/record.py makes the whole record from the other pages'
  contents in on_env and needs it.

mkdocs-macros-plugin:
- A page's macro error is logged, as a Markdown block naming the page
  ("_File_:" and the page in backticks), to the logger below, from inside
  the `except` that caught it; there is no event or option to handle it.
  hooks/page_checks.py filters that record into one line naming the file
  and line.
- `macros`: the names of the macros a page can call, for the message about
  an undefined one.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MACROS_ERROR_LOGGER = "mkdocs.plugins.mkdocs_macros.util"
MACROS_ERROR_PAGE = re.compile(r"_File_: `([^`]+)`")


def i18n_plugin(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"]


def building_language(config: MkDocsConfig) -> str:
    """The language the i18n plugin is building now."""
    return i18n_plugin(config).current_language


def building_other_language(config: MkDocsConfig) -> bool:
    """True inside the i18n plugin's builds of the languages after the first."""
    return bool(i18n_plugin(config).building)


def home_switcher(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The language switcher that leads to each language's home page."""
    return i18n_plugin(config).extra_alternate


def macro_names(config: MkDocsConfig) -> list[str]:
    plugin = config.plugins.get("macros")
    return sorted(plugin.macros) if plugin else []


def rendered_page(files: Files, src_uri: str) -> Page | None:
    """The page of `src_uri`, its Markdown already rendered (in on_env), or
    None when the build has no such page."""
    file = files.get_file_from_path(src_uri)
    page = file.page if file is not None else None
    if page is not None and page.content is None:
        raise RuntimeError(f"{src_uri} is not rendered yet: MkDocs no longer renders every page before the env event "
                           "(hooks/helpers/compat.py, tests/test_library_contract.py)")
    return page
