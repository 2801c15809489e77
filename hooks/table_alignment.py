"""Table alignment hook: an aligned table column gets a class, not a style.

Events: on_config (adds a tree processor to the Markdown of every page).
Python-Markdown's tables extension writes a column's alignment (`---:`,
`:---:`) as style="text-align: …;" on each of its cells; the site's content
security policy (hooks/csp.py) allows no style attribute, so the cells get
class="align-right" (or align-left, align-center) instead, styled in
overrides/assets/stylesheets/site.css. Changes only the Markdown's element
tree; writes no file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig

ALIGNMENT = re.compile(r"text-align: (left|right|center);")


class _AlignmentClasses(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("th", "td") and (match := ALIGNMENT.fullmatch(cell.get("style", ""))):
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, [cell.get("class"), f"align-{match[1]}"])))


class TableAlignment(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the block parser built the table, before the tree is serialised.
        md.treeprocessors.register(_AlignmentClasses(md), "table_alignment", 5)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(extension, TableAlignment) for extension in config.markdown_extensions):
        config.markdown_extensions.append(TableAlignment())
    return config
