"""Downloads hook: the document files of data/documents/ become part of the site.

Events: on_files (add each file that data/documents.yml names, once for both
languages, at documents/<name> below the site root; before hooks/model.py
makes the site model, so a published file is an address guarded like a
page). Reads the checked data (hooks/helpers/sitedata.py: the file
exists and its format is what its name says); writes nothing itself: MkDocs
copies the files like any other. Pages link to them with Markdown links
(overrides/content/_parts.md), which MkDocs checks.

Why here and not docs/: a document has one file whatever the page's
language, and docs/ holds one folder per language.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from helpers import render, sitedata
from helpers.published import data_dir


@event_priority(70)  # after hooks/pages.py (100), before hooks/model.py (60) and the i18n plugin (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for document in sitedata.load(data_dir(config)).documents:
        if "file" in document:
            path = f"{render.DOCUMENTS_FOLDER}/{document['file']}"
            if files.get_file_from_path(path) is None:
                files.append(File(path, str(data_dir(config)), config.site_dir, config.use_directory_urls))
    return files
