"""The format, size and name of a document file kept in data/documents/.

Not a hook itself: hooks/helpers/schema.py checks the files data/documents.yml names
with it, hooks/helpers/sitedata.py records what it measured for the pages. The
format comes from the file's content (the filetype library reads its magic
numbers), never from its name alone, so a Word file saved as "x.pdf" is
caught instead of being offered to readers as a PDF.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import filetype

# File name extensions that name the same format.
SAME_FORMAT = {"jpeg": "jpg", "tif": "tiff"}


def measure(path: Path) -> tuple[str | None, int]:
    """(format as readers know it, "PDF", or None when the content is not
    one the build recognises; size in bytes)."""
    kind = filetype.guess(str(path))
    return (kind.extension.upper() if kind else None), path.stat().st_size


def problem(path: Path) -> str | None:
    """What is wrong with a document file, to follow its name in a message."""
    form, size = measure(path)
    if size == 0:
        return "is empty: add the document's content, or remove the entry"
    if form is None:
        return ("is in a format the build cannot recognise from its content: save it as PDF "
                "(or DOCX, XLSX, PPTX, ODT, ODS, ODP, ZIP) and name the file after the format")
    suffix = path.suffix.lower().lstrip(".")
    if SAME_FORMAT.get(suffix, suffix) != SAME_FORMAT.get(form.lower(), form.lower()):
        return f"holds a {form} document, not {suffix.upper()}: rename it to {path.stem}.{form.lower()} (here and in data/documents.yml)"
    return None


def plain_name(name: str) -> str:
    """The name a document file must have (schema.FILE_NAME: lowercase a–z,
    digits and hyphens, one dot before the extension):
    "Stratēģija 2027.PDF" -> "strategija-2027.pdf"."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-") or "document"
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())
    return f"{stem}.{extension}" if extension else stem
