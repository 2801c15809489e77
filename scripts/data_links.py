"""Every external link in data/, with its file, line and archived copy.

    python scripts/data_links.py                 # one line each: data/events.yml:27:14: https://… [archived: …]
    python scripts/data_links.py --json          # the same as JSON, for the scheduled link check
    python scripts/data_links.py --no-archive    # only the links that have no archived copy yet

A link is any `url:` in a data file (a source, a partner's site, a
document on another site, a project link, the EEA Grants address); its
`archived:` beside it is the address of an archived copy, which the pages
show next to the original. The scheduled link check names, for each dead
link, the place to add one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from helpers import sitedata  # noqa: E402


@dataclass(frozen=True)
class DataLink:
    file: str  # "data/events.yml"
    line: int
    column: int
    url: str
    archived: str | None


def data_links(root: Path = ROOT) -> list[DataLink]:
    """Every `url` of every data file, in file and line order."""
    links: list[DataLink] = []
    for name in sitedata.DATA_FILES:
        shown = f"data/{name}.yml"
        document, positions = sitedata.read_yaml(root / shown, shown)
        for path, value in _mappings(document, ()):
            url = value.get("url")
            if isinstance(url, str) and url.startswith(("https://", "http://")):
                line, column = positions[path + ("url",)]
                archived = value.get("archived")
                links.append(DataLink(shown, line, column, url, archived if isinstance(archived, str) else None))
    return sorted(links, key=lambda link: (link.file, link.line, link.column))


def _mappings(value: Any, path: tuple) -> Any:
    if isinstance(value, dict):
        yield path, value
        for key, child in value.items():
            yield from _mappings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _mappings(child, path + (index,))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--no-archive", action="store_true", help="only links without an archived copy")
    args = parser.parse_args()
    try:
        links = data_links()
    except sitedata.DataError as error:
        print("\n".join(error.messages), file=sys.stderr)
        return 1
    if args.no_archive:
        links = [link for link in links if not link.archived]
    if args.json:
        print(json.dumps([asdict(link) for link in links], ensure_ascii=False, indent=1))
    else:
        for link in links:
            print(f"{link.file}:{link.line}:{link.column}: {link.url}" + (f" [archived: {link.archived}]" if link.archived else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
