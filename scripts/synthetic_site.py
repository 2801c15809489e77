"""A synthetic copy of the site with N pages per language, for `make bench`.

The copy is made in a folder you name (a temporary one in the bench), never
in the repository: the real mkdocs.yml, docs/, hooks/ and overrides/ are
copied as they are, and data/activities.yml gets extra activities, each a
copy of a real one under a new id (`<id>-s<k>`) and number, with a result
of its own in data/results.yml (a result belongs to one activity), named by
the entries of data/gaps.yml that name the result it copies. Every extra
activity becomes one generated page per language through the real hooks,
macros and content templates, and the activities overview lists them all, as
a record site that grows would.

    python scripts/synthetic_site.py DEST --pages 1000
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "data", "hooks", "overrides")


def pages_per_language(site_dir: Path) -> int:
    """Markdown pages of one language plus one page per activity and partner."""
    markdown = len(list((site_dir / "docs" / "lv").rglob("*.md")))
    data = {name: yaml.safe_load((site_dir / "data" / f"{name}.yml").read_text(encoding="utf-8")) for name in ("activities", "partners")}
    return markdown + len(data["activities"]["activities"]) + len(data["partners"]["partners"])


def copy_site(source: Path, dest: Path) -> Path:
    """What a build reads, copied: mkdocs.yml, docs/, data/, hooks/, overrides/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if not (source / name).exists():
            continue  # a stock baseline project has no data/, hooks/ or overrides/
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source / name, dest / name)
    return dest


def make_synthetic_site(dest: Path, pages: int, source: Path = ROOT) -> Path:
    """Copy the site at `source` into `dest` and grow it to `pages` pages per language."""
    copy_site(source, dest)
    extra = pages - pages_per_language(dest)
    if extra < 0:
        raise ValueError(f"the real site already has {pages_per_language(dest)} pages per language, more than {pages}")
    activities_file = dest / "data" / "activities.yml"
    document = yaml.safe_load(activities_file.read_text(encoding="utf-8"))
    real = document["activities"]
    results_file = dest / "data" / "results.yml"
    results_document = yaml.safe_load(results_file.read_text(encoding="utf-8"))
    real_results = {result["id"]: result for result in results_document["results"]}
    # What is not yet published of a copied result is not published of its copy either.
    gaps_file = dest / "data" / "gaps.yml"
    gaps_document = yaml.safe_load(gaps_file.read_text(encoding="utf-8"))
    number = max(a["number"] for a in real)
    result_number = max(r["number"] for r in real_results.values())
    grown = list(real)
    for k in range(extra):
        activity = copy.deepcopy(real[k % len(real)])
        number += 1
        result_number += 1
        activity["id"] = f"{activity['id']}-s{k + 1}"
        activity["number"] = number
        for lang in activity["title"]:
            activity["title"][lang] = f"{activity['title'][lang]} ({number})"
        result = copy.deepcopy(real_results[activity["results"][0]])
        original = result["id"]
        result.update(id=f"{activity['id']}-result", number=result_number, activity=activity["id"])
        for gap in gaps_document["gaps"]:
            if original in gap.get("results", []):
                gap["results"].append(result["id"])
        activity["results"] = [result["id"]]
        results_document["results"].append(result)
        grown.append(activity)
    document["activities"] = grown
    activities_file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    results_file.write_text(yaml.safe_dump(results_document, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    gaps_file.write_text(yaml.safe_dump(gaps_document, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    args = parser.parse_args()
    if args.dest.resolve().is_relative_to(ROOT):
        print(f"{args.dest}: generate the synthetic site outside the repository (e.g. under /tmp).", file=sys.stderr)
        return 1
    make_synthetic_site(args.dest, args.pages)
    print(f"{args.dest}: {pages_per_language(args.dest)} pages per language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
