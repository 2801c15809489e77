"""What an engine logs about a small site made to have every link and
navigation mistake hooks/page_checks.py rewrites (not a test module).

tests/test_library_contract.py runs this file with each engine's Python
(.venv: MkDocs; .venv-properdocs: ProperDocs, which answers for `mkdocs`
once `properdocs.replacement` is imported) and reads what it prints:

    python tests/engine_warnings.py SITE_FOLDER VALIDATION_JSON

SITE_FOLDER is created (it must not exist); VALIDATION_JSON is mkdocs.yml's
`validation` section, so the warnings have the levels of the real site. The
site is built once, in this process, with Material (ProperDocs ships no
theme of its own) and no plugin; every record of level WARNING or above is printed as JSON with the
logger that logged it, with the engine's name and version and the loggers
hooks/helpers/compat.py names (WARNING_LOGGERS, read from the engine's
modules).
"""

from __future__ import annotations

import json
import logging
import sys
from importlib import metadata
from pathlib import Path

try:
    import mkdocs  # noqa: F401

    ENGINE = "mkdocs"
except ImportError:  # .venv-properdocs has no MkDocs: ProperDocs stands in for it
    import properdocs.replacement  # noqa: F401

    ENGINE = "properdocs"

sys.path.append(str(Path(__file__).resolve().parent.parent / "hooks"))

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from helpers import compat  # noqa: E402

# The pages: each link is one mistake (tests/test_library_contract.py names them).
PAGES = {
    "index.md": """# Home

[a page that is not there](missing.md)

[a page by its HTML name](other.html)

![an image that is not there](missing.png)

[an anchor the other page lacks](other.md#nowhere)

[an anchor this page lacks](#nowhere)

[a folder, not a page file](other/)

[an absolute link](/other.md)
""",
    "other.md": "# Other\n\n## Known {#known}\n",
    "sub/page.md": "# Below\n\n[a page that is not there, from a folder](../missing.md)\n",
    "orphan.md": "# Not in the navigation\n",
}
NAV = ["index.md", "other.md", "sub/page.md", "ghost.md"]


def main(folder: Path, validation: dict) -> None:
    docs = folder / "docs"
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config_file.write_text(json.dumps({
        "site_name": "Warnings", "docs_dir": "docs", "site_dir": "site", "theme": {"name": "material"},
        "markdown_extensions": ["attr_list", "toc"], "nav": NAV, "validation": validation,
    }), encoding="utf-8")
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    errors = logging.StreamHandler(sys.stderr)  # why a build stopped, for the test's message
    errors.setLevel(logging.ERROR)
    logging.getLogger().addHandler(errors)
    build(load_config(str(config_file)))
    print(json.dumps({
        "engine": ENGINE,
        "version": metadata.version(ENGINE),
        "compat_loggers": list(compat.WARNING_LOGGERS),
        "warnings": [{"logger": r.name, "level": r.levelno, "message": r.getMessage()} for r in records],
    }))


if __name__ == "__main__":
    main(Path(sys.argv[1]), json.loads(sys.argv[2]))
