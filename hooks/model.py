"""Model hook: makes the site model of each language build (hooks/helpers/published.py).

Events: on_files (after hooks/pages.py added the generated pages, priority
100, and before the hooks that ask for the model, priority 50, and the i18n
plugin, -100, which keeps only the building language's files). Reads
mkdocs.yml's languages and the build's Files; writes nothing. Every other
hook asks `published.current()` for languages, addresses and alternates.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpers import published


@event_priority(60)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    published.make(files, config)
    return files
