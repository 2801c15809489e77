"""Compact HTML hook: drop the indentation Material's templates leave in pages.

Events: on_post_page and on_post_template (the last to run on each page's and
template's HTML). Every line of a built page starts with up to 20 spaces of
template indentation, a fifth of the file. In HTML a run of white space
renders as one space, so a line break alone renders exactly as a line break
plus indentation; only where white space is kept as written (pre, code, kbd,
textarea, and the contents of script and style) is nothing touched. Reads and
writes only the HTML in memory.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

_KEPT_AS_WRITTEN = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def compact(html: str) -> str:
    parts = _KEPT_AS_WRITTEN.split(html)
    # split() returns text, kept block, tag name, text, kept block, tag name, …
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BLANK_LINES.sub("\n", _INDENTATION.sub("\n", parts[index])))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


@event_priority(-1000)
def on_post_page(output: str, page, config) -> str:
    return compact(output)


@event_priority(-1000)
def on_post_template(output_content: str, template_name: str, config) -> str:
    return compact(output_content) if template_name.endswith(".html") else output_content
