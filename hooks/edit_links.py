"""Edit links hook: "edit this page" on a generated page opens its data file.

Events: on_files (after the i18n plugin, which re-creates every File, and
before MkDocs makes the pages, which take their edit link from
`File.edit_uri`). A page generated from data/ (hooks/pages.py) has no
Markdown file: its link opens the data file that holds its item, such as
data/activities.yml. Reads the generated pages' list; writes nothing.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpers.generated_pages import generated_sources


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    sources = generated_sources(config)
    for file in files.documentation_pages():
        source = sources.get(file.src_uri)
        if source:
            # File.edit_uri continues mkdocs.yml's edit_uri, which ends in docs/.
            file.edit_uri = "../" + source[1]
    return files
