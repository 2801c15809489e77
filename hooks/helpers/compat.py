# compatibility layer
"""What the hooks read from MkDocs and the plugins that they do not document (not a hook).

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

mkdocs-macros-plugin:
- A page's macro error is logged, as a Markdown block naming the page
  ("_File_:" and the page in backticks), to the logger below, from inside
  the `except` that caught it; there is no event or option to handle it.
  hooks/page_checks.py filters that record into one line naming the file
  and line.
- `macros`: the names of the macros a page can call, for the message about
  an undefined one.

MkDocs (and ProperDocs, its fork, which runs the same code under its own
module names):
- Its warnings about a page's links and about the navigation (a missing
  page, image or anchor, an unrecognised or absolute link, a page not in the
  nav, a nav entry without its page) are logged as finished sentences:
  MkDocs 1.6 formats them into f-strings, so a record carries no arguments
  and no code, and there is no event or option that reports them. The only
  way to say which file, line and fix an editor needs is to read the
  sentence: the patterns below (LINK_WARNING and the others) are MkDocs'
  wording, and hooks/page_checks.py rewrites what they match.
- Those warnings come from the loggers named after the modules that log
  them (mkdocs.structure.pages and mkdocs.structure.nav; under ProperDocs
  properdocs.structure.pages and properdocs.structure.nav, which is why the
  names are read from the modules, WARNING_LOGGERS, not written here).
tests/test_library_contract.py makes each warning happen in a small site
under both engines and fails, naming the engine and its version, when a
sentence or a logger changed.
"""

from __future__ import annotations

import re
from typing import Any

import mkdocs.structure.nav
import mkdocs.structure.pages
from mkdocs.config.defaults import MkDocsConfig

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


# --- MkDocs' wording of its link and navigation warnings ------------------------
# Matched against record.getMessage(); each one is made to happen by
# tests/test_library_contract.py (under MkDocs and ProperDocs).

# The loggers MkDocs' link and navigation warnings are logged to: each module
# logs with logging.getLogger(__name__).
WARNING_LOGGERS = (mkdocs.structure.pages.__name__, mkdocs.structure.nav.__name__)
# "Doc file 'lv/about.md' contains a link 'x.md', but <problem>."
LINK_WARNING = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but (?P<problem>.*)$", re.S)
# The problems: an anchor another page lacks, one this page lacks, a file that is not there.
OTHER_PAGE_ANCHOR = re.compile(r"^the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'")
SAME_PAGE_ANCHOR = "there is no such anchor on this page"
TARGET_NOT_FOUND = re.compile(
    r"^the target(?: '(?P<target>[^']+)')? is not found among documentation files\.(?: Did you mean '(?P<suggestion>[^']*)'\?)?"
)
# A link without a file name (about/), or an absolute one (/about/).
UNRECOGNIZED_LINK = re.compile(r"^Doc file '(?P<src>[^']+)' contains an (?P<kind>unrecognized relative|absolute) link '(?P<link>[^']+)'")
# Followed by one line "  - <docs path>" per page.
NOT_IN_NAV = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'
NAV_TARGET_MISSING = re.compile(r"^A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not found")
