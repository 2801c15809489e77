"""Word by word: what changed between two versions of a text, as passages.

A passage is one place where the text changed, with a few words of the
unchanged text on either side, so a reader recognises where it is:

    … took place on [-6-]{+7+} April 2022 in Riga …

`passages(before, after)` compares two lists of blocks (the paragraphs,
headings, list items of a page, page_text.py) word by word with the
standard library's difflib; a word is what whitespace separates ("2022,"),
so a marked change always starts and ends at a word's edge and reads as
whole words. A block added or removed whole is one passage of inserted or
deleted words of its own. Long passages are cut where they are shown
(change_summary.py), not here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

# Unchanged words shown on either side of a change.
CONTEXT = 6


@dataclass(frozen=True)
class Part:
    kind: str  # "same", "deleted", "inserted"
    words: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    parts: tuple[Part, ...]
    cut_before: bool  # the block goes on before the first part shown
    cut_after: bool
    block: tuple[int | None, int | None] = (None, None)  # its block before and after, where there is one

    @property
    def key(self) -> tuple:
        """What changed, without its context: the same change on several pages."""
        return tuple((part.kind, part.words) for part in self.parts if part.kind != "same")

    def words(self, kind: str) -> list[str]:
        return [word for part in self.parts if part.kind == kind for word in part.words]


def passages(before: list[str], after: list[str], context: int = CONTEXT) -> list[Passage]:
    """Every place where `after` differs from `before`, in reading order."""
    found: list[Passage] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        if tag == "replace" and len(old) == len(new):
            # One block each, compared one to one.
            pairs = [(old[k], new[k], (i1 + k, j1 + k)) for k in range(len(old))]
        elif tag == "insert":  # blocks added whole: each its own passage
            pairs = [("", block, (None, j1 + k)) for k, block in enumerate(new)]
        elif tag == "delete":
            pairs = [(block, "", (i1 + k, None)) for k, block in enumerate(old)]
        else:
            pairs = [(" ".join(old), " ".join(new), (i1, j1))]
        for old_text, new_text, block in pairs:
            found += [replace(passage, block=block) for passage in _in_block(old_text.split(), new_text.split(), context)]
    return found


def _in_block(old: list[str], new: list[str], context: int) -> list[Passage]:
    """The passages of one block: changes closer than twice the context
    share one passage."""
    parts: list[Part] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(Part("same", tuple(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(Part("deleted", tuple(old[i1:i2])))
        if j2 > j1:
            parts.append(Part("inserted", tuple(new[j1:j2])))
    if all(part.kind == "same" for part in parts):
        return []
    # Split at unchanged runs longer than twice the context.
    groups: list[list[Part]] = [[]]
    for index, part in enumerate(parts):
        first, last = index == 0, index == len(parts) - 1
        if part.kind == "same" and not first and not last and len(part.words) > 2 * context:
            groups[-1].append(Part("same", part.words[:context]))
            groups.append([Part("same", part.words[-context:])])
        else:
            groups[-1].append(part)
    passages = []
    for number, group in enumerate(groups):
        cut_before = number > 0
        cut_after = number < len(groups) - 1
        if group and group[0].kind == "same" and len(group[0].words) > context:
            group[0] = Part("same", group[0].words[-context:])
            cut_before = True
        if group and group[-1].kind == "same" and len(group[-1].words) > context:
            group[-1] = Part("same", group[-1].words[:context])
            cut_after = True
        passages.append(Passage(tuple(group), cut_before, cut_after))
    return passages
