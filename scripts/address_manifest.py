"""The manifest of every published address: data/addresses.txt.

    python scripts/address_manifest.py --write   # `make addresses`: add the build's new addresses
    python scripts/address_manifest.py --check   # part of `make check`: fail when it is stale

The manifest lists every address the site publishes, in every language:
each page, each file from docs/ and each redirect of data/redirects.yml. The
addresses are those of the build's own site model (hooks/helpers/published.py):
MkDocs loads mkdocs.yml and runs the build's configuration and file events
(every plugin and hook, as `mkdocs build` does before it renders anything),
and the model they made is asked for its addresses. The manifest is
committed, so a review shows every address a change adds. Once published,
an address stays: the build itself (hooks/addresses.py) stops when an
address in the manifest is no longer produced and no redirect covers it,
and --check also fails when the build produces an address the manifest
does not list yet (run --write).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import MkDocsException  # noqa: E402
from mkdocs.structure.files import get_files  # noqa: E402

from helpers import published, redirect_rules  # noqa: E402

MANIFEST = ROOT / published.MANIFEST
HEADER = """\
# Every address this site has published, one per line, below the site's base
# URL: "/" is the Latvian home page, "/en/" the English one, "/en/about/" is
# https://<site>/en/about/. Pages, files from docs/ and the redirects of
# data/redirects.yml, in both languages.
#
# Generated from a build by `make addresses` (scripts/address_manifest.py --write);
# commit it with the change that adds a page. Never delete a line to make a
# build pass: other sites link to these addresses. When a page moves, add a
# redirect for its old address to data/redirects.yml instead. `make check`
# fails when this file is stale or when an address here is no longer produced.
"""


class AddressesUnknown(Exception):
    """The build stopped before it knew its addresses; the message says why."""


def produced_addresses(root: Path = ROOT) -> set[str]:
    """Every address the build of the site at `root` publishes, from its site model."""
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_files(get_files(config), config=config)
    except MkDocsException as error:
        raise AddressesUnknown(str(error)) from None
    site = published.current()
    return site.addresses() | {redirect.source for redirect in redirect_rules.load(root, site.languages)}


def manifest_addresses() -> list[str]:
    if not MANIFEST.exists():
        return []
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("/") for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(addresses: set[str]) -> None:
    MANIFEST.write_text(HEADER + "".join(f"/{address}\n" for address in sorted(addresses)), encoding="utf-8")


def check_manifest(root: Path = ROOT) -> list[str]:
    """What is wrong with the committed manifest for the site the build makes."""
    produced = produced_addresses(root)
    listed = manifest_addresses()
    problems = [
        f"data/addresses.txt: /{address} is no longer produced and no redirect covers it. "
        "Add a redirect for it to data/redirects.yml (see the comment there), or restore the page."
        for address in listed
        if address not in produced
    ]
    new = sorted(produced - set(listed))
    if new:
        problems.append(
            "data/addresses.txt is stale: the build publishes addresses it does not list: "
            + ", ".join(f"/{a}" for a in new[:10]) + (f" and {len(new) - 10} more" if len(new) > 10 else "")
            + ". Run `make addresses` and commit data/addresses.txt."
        )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="add the build's new addresses to data/addresses.txt")
    mode.add_argument("--check", action="store_true", help="fail when data/addresses.txt is stale or an address is lost")
    args = parser.parse_args()
    try:
        if args.write:
            before = set(manifest_addresses())
            produced = produced_addresses()
            write_manifest(produced | before)  # never drops an address: the build guarantees they are all produced
            print(f"data/addresses.txt: {len(produced | before)} addresses ({len(produced - before)} new).")
            return 0
        problems = check_manifest()
    except AddressesUnknown as error:
        print(error, file=sys.stderr)
        print("\nThe build stopped: data/addresses.txt was not checked or changed.", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("data/addresses.txt lists every published address.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
