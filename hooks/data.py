"""Data hook: checks data/*.yml and data/ui/*.yml before anything is built.

Events: on_config (load and check every data file, and that data/ holds no
file nothing reads (hooks/helpers/unused.py); stop the build with one line
per mistake; log a warning for each registered source nothing cites, and a
note when dates cannot be compared with the commit). Reads data/, docs/
(what pages cite) and overrides/ (the configured logo file); writes nothing. The parsed data is cached in hooks/helpers/sitedata.py and read by
the other hooks, the macros and the checks.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpers import published, schema, sitedata, unused

log = logging.getLogger("mkdocs.hooks.data")


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
    root = published.project_root(config)
    try:
        data, errors = sitedata.load(published.data_dir(config)), []
    except sitedata.DataError as error:
        data, errors = None, error.messages
    errors += unused.data_errors(root, data)  # files of data/ nothing reads
    if errors:
        raise PluginError("Mistakes in data/ (nothing was published):\n" + "\n".join(errors))
    if not published.building_other_language(config):  # once per build, not once per language
        # Warnings, and why dates were not compared: INFO, which --strict
        # does not count; scripts/build.py prints them.
        for line in unused.source_warnings(root, data):
            log.info(line)
        if schema.built_on() is None:
            log.info(schema.DATES_NOT_COMPARED)
    return config
