"""Valid HTML hook: removes the one piece of Material's markup that the Nu
Html Checker rejects and no template block can reach.

Events: on_post_page (every page's finished HTML) and on_post_template
(404.html). Reads and rewrites only that output, in memory. Material 9.8.1 puts autocomplete="off" on its
drawer and search checkboxes in base.html outside any block (so an override
would mean copying the whole base template); HTML allows autocomplete only on
text-like inputs. It was there to stop Firefox restoring an open drawer or
search on "back": our scripts close both on `pageshow` instead
(overrides/assets/javascripts/keyboard.js and search.js).
tests/test_html_valid.py runs the checker over the whole site, so a change
in Material's markup shows up there.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return TOGGLE_AUTOCOMPLETE.sub(r"\1>", output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return TOGGLE_AUTOCOMPLETE.sub(r"\1>", output_content)
