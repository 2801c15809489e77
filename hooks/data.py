"""Data hook: checks data/*.yml and data/ui/*.yml before anything is built.

Events: on_config (load and check every data file; stop the build with one
line per mistake). Reads data/ and overrides/ (the configured logo file);
writes nothing. The parsed data is cached in hooks/helpers/sitedata.py and read by
the other hooks, the macros and the checks.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpers import published, sitedata


# Before the macros plugin (0), whose module reads the data while it loads:
# a mistake is then reported as one line per problem, not as a traceback.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The logo file that data/project.yml names is checked by hooks/helpers/schema.py.
    built = sorted(lang.code for lang in published.languages(config))
    if built != sorted(sitedata.LANGUAGES):
        raise PluginError(
            f"mkdocs.yml builds the languages {', '.join(built)}, but every text in data/ is written in "
            f"{', '.join(sitedata.LANGUAGES)} (hooks/helpers/sitedata.py LANGUAGES, the schema's bilingual fields): change both together."
        )
    try:
        sitedata.load(published.data_dir(config))
    except sitedata.DataError as error:
        raise PluginError("Mistakes in data/ (nothing was published):\n" + "\n".join(error.messages))
    return config
