"""The manifest of every published address: data/addresses.txt.

    python scripts/address_manifest.py --write   # `make addresses`: rewrite it from a build
    python scripts/address_manifest.py --check   # part of `make check`: fail when it is stale

The manifest lists every address the site publishes, in both languages: each
page, each file from docs/ and each redirect of data/redirects.yml. It is
generated from a real build (into a temporary folder) and committed, so a
review shows every address a change adds. Once published, an address stays:
the build itself (hooks/addresses.py) stops when an address in the manifest
is no longer produced and no redirect covers it, and --check also fails when
the build produces an address the manifest does not list yet (run --write).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build import BuildError, build_into  # noqa: E402

MANIFEST = ROOT / "data" / "addresses.txt"
# Files every build writes that are no address of a page or a document.
NOT_ADDRESSES = {"404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "CNAME"}
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


def language_prefixes() -> list[str]:
    """The folders of the non-default languages in the built site ("en/")."""
    return sorted(f"{p.name}/" for p in (ROOT / "docs").iterdir() if p.is_dir() and p.name != default_language())


def default_language() -> str:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and the like
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return next(lang["locale"] for lang in plugin["i18n"]["languages"] if lang.get("default"))
    raise SystemExit("mkdocs.yml: no i18n plugin with a default language")


def produced_addresses(site_dir: Path) -> set[str]:
    """Every address a built site answers: each index.html (a page or a
    redirect), each file that came from docs/ or data/documents/, each .html
    redirect page."""
    prefixes = language_prefixes()
    default = default_language()
    addresses = set()
    for file in site_dir.rglob("*"):
        if not file.is_file():
            continue
        path = file.relative_to(site_dir).as_posix()
        if path in NOT_ADDRESSES:
            continue
        if path == "index.html" or path.endswith("/index.html"):
            addresses.add(path[: -len("index.html")])
            continue
        if path.startswith("documents/") and (ROOT / "data" / path).is_file():
            addresses.add(path)  # a document file of data/documents/ (hooks/downloads.py)
            continue
        prefix = next((p for p in prefixes if path.startswith(p)), "")
        source = ROOT / "docs" / (prefix.rstrip("/") or default) / path.removeprefix(prefix)
        if source.is_file() or (path.endswith(".html") and "noindex" in file.read_text(encoding="utf-8", errors="replace")):
            addresses.add(path)
    return addresses


def manifest_addresses() -> list[str]:
    if not MANIFEST.exists():
        return []
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("/") for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(addresses: set[str]) -> None:
    MANIFEST.write_text(HEADER + "".join(f"/{address}\n" for address in sorted(addresses)), encoding="utf-8")


def check_manifest(site_dir: Path) -> list[str]:
    """What is wrong with the committed manifest for the site built in site_dir."""
    produced = produced_addresses(site_dir)
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
    mode.add_argument("--write", action="store_true", help="rewrite data/addresses.txt from a build")
    mode.add_argument("--check", action="store_true", help="fail when data/addresses.txt is stale or an address is lost")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="addresses-") as out:
        try:
            build_into(Path(out))
        except BuildError as error:
            print(error, file=sys.stderr)
            print("\nThe build failed: data/addresses.txt was not checked or changed.", file=sys.stderr)
            return 1
        if args.write:
            before = set(manifest_addresses())
            produced = produced_addresses(Path(out))
            write_manifest(produced | before)  # never drops an address: the build guarantees they are all produced
            print(f"data/addresses.txt: {len(produced | before)} addresses ({len(produced - before)} new).")
            return 0
        problems = check_manifest(Path(out))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("data/addresses.txt lists every published address.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
