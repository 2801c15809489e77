"""Spelling: the prose of every page and every data text, against Hunspell.

The dictionaries are Debian's (`hunspell-lv`, `hunspell-en-gb`, in
/usr/share/hunspell; scripts/system_deps.py installs them), read by spylls,
a Python implementation of Hunspell. Names, abbreviations and terms the
dictionaries lack are listed, one word a line, in data/spelling/lv.txt and
data/spelling/en.txt; a lowercase entry also allows the word capitalised.
Names that have a home of their own in data/ (partners, publishers, terms:
NAME_HOMES) are read from there and are not repeated in the lists.

Loading a dictionary takes one to two seconds, so each is loaded at most once
per process, and only when a word is not yet known: the dictionary's verdict
on every word it was asked about, and its suggestions for a misspelt one, are
kept in the user's cache folder (~/.cache/hunspell-verdicts/, keyed by the
dictionary files and the spylls version: they hold nothing of the project,
so every copy and worktree shares them), which makes a second `make check`
fast.

Suggestions: Hunspell's edit-based ones (n-gram suggestions are switched off
with the .aff option MAXNGRAMSUGS: in pure Python they take seconds a word).
lv_LV.aff has no MAP of letters to their diacritic forms, so a Latvian word
typed without them ("pasvaldibu") gets none from Hunspell; the variants with
diacritics are tried here first.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .prose import (DOMAIN, EMAIL, LANGUAGES, PLACEHOLDER, URL, DataText, Page, Source, blank_all,
                   data_pairs, pages, sitedata, typography)

HUNSPELL = Path("/usr/share/hunspell")
# Hunspell names its dictionaries by locale, as Babel does: lv_LV, en_GB.
DICTIONARIES = typography.LOCALES
WORD_LISTS = f"data/{sitedata.WORD_LISTS}"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Codes and numbers (LV-LOCALDEV-0006, EEZ/INP/03, 2021): not words.
CODE = re.compile(r"(?<![\w/-])[\w/-]*\d[\w/-]*")
# Latvian letters an editor may type without their diacritic.
DIACRITICS = {"a": "ā", "c": "č", "e": "ē", "g": "ģ", "i": "ī", "k": "ķ", "l": "ļ", "n": "ņ", "s": "š", "u": "ū", "z": "ž"}
MAX_VARIANTS = 4096


@dataclass
class Entry:
    word: str
    line: int


@dataclass
class WordList:
    lang: str
    path: Path
    shown: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, root: Path, lang: str) -> WordList:
        shown = f"{WORD_LISTS}/{lang}.txt"
        words = cls(lang, root / shown, shown)
        if not words.path.is_file():
            return words
        first: dict[str, int] = {}
        for number, raw in enumerate(words.path.read_text(encoding="utf-8").splitlines(), 1):
            word = raw.split("#", 1)[0].strip()
            if not word:
                continue
            if not WORD.fullmatch(word):
                words.problems.append(f"{shown}:{number}:1: \"{word}\" is not one word: write one word a line (letters, "
                                      f"with ' or - inside), each form of a word on its own line.")
                continue
            if word in first:
                words.problems.append(f"{shown}:{number}:1: \"{word}\" is listed twice (first on line {first[word]}): delete this line.")
                continue
            first[word] = number
            words.entries.append(Entry(word, number))
        return words

    def allows(self, word: str) -> bool:
        forms = self._forms()
        return word in forms or (self.lang == "en" and re.sub(r"['’]s$", "", word) in forms)

    def _forms(self) -> set[str]:
        if not hasattr(self, "_cached_forms"):
            forms = set()
            for entry in self.entries:
                forms |= {entry.word, entry.word.upper()}
                if entry.word.islower():
                    forms.add(entry.word[0].upper() + entry.word[1:])
            self._cached_forms = forms
        return self._cached_forms

    def entry_for(self, word: str) -> Entry | None:
        for entry in self.entries:
            if word in {entry.word, entry.word.upper(), entry.word[0].upper() + entry.word[1:] if entry.word.islower() else entry.word}:
                return entry
        return None


class Dictionaries:
    """Hunspell's verdict on a word, from the cache or from the dictionary
    (loaded the first time the cache does not know a word)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.verdicts: dict[str, dict[str, dict]] = {}  # per language: words -> known, suggestions
        self.changed: set[str] = set()

    def missing(self) -> list[str]:
        messages = []
        for lang, name in DICTIONARIES.items():
            for suffix in (".aff", ".dic"):
                if not (HUNSPELL / f"{name}{suffix}").is_file():
                    messages.append(
                        f"{HUNSPELL / (name + suffix)}: the {LANGUAGES[lang]} Hunspell dictionary is missing: install it "
                        f"with `python3 scripts/system_deps.py spelling` (as root; `make check` does it)."
                    )
                    break
        return messages

    def known(self, word: str, lang: str) -> bool:
        verdicts = self._cached(lang)["words"]
        if word not in verdicts:
            verdicts[word] = bool(self.dictionary(lang).lookup(word))
            self.changed.add(lang)
        return verdicts[word]

    def suggestions(self, word: str, lang: str) -> list[str]:
        found = self._cached(lang)["suggestions"]
        if word not in found:
            found[word] = list(itertools.islice(self.dictionary(lang).suggest(word), 3))
            self.changed.add(lang)
        return found[word]

    def dictionary(self, lang: str):
        return _dictionary(lang)

    def _cache_file(self, lang: str) -> Path:
        key = hashlib.sha256(f"2|{version('spylls')}".encode())
        for suffix in (".aff", ".dic"):
            stat = (HUNSPELL / f"{DICTIONARIES[lang]}{suffix}").stat()
            key.update(f"|{stat.st_size}|{stat.st_mtime_ns}".encode())
        return self.cache_dir / f"spelling-{lang}-{key.hexdigest()[:16]}.json"

    def _cached(self, lang: str) -> dict[str, dict]:
        if lang not in self.verdicts:
            self.verdicts[lang] = {"words": {}, "suggestions": {}}
            with contextlib.suppress(OSError, ValueError, AttributeError, KeyError, TypeError):
                cached = json.loads(self._cache_file(lang).read_text(encoding="utf-8"))
                self.verdicts[lang] = {"words": dict(cached["words"]), "suggestions": dict(cached["suggestions"])}
        return self.verdicts[lang]

    def save(self) -> None:
        for lang in self.changed:
            with contextlib.suppress(OSError):
                target = self._cache_file(lang)
                target.parent.mkdir(parents=True, exist_ok=True)
                for old in target.parent.glob(f"spelling-{lang}-*.json"):
                    old.unlink(missing_ok=True)
                temporary = target.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(json.dumps(self.verdicts[lang], ensure_ascii=False, sort_keys=True), encoding="utf-8")
                os.replace(temporary, target)
        self.changed.clear()


@functools.cache
def _dictionary(lang: str):
    """The Hunspell dictionary of a language, loaded once per process."""
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(str(HUNSPELL / DICTIONARIES[lang]))
    dictionary.aff.MAXNGRAMSUGS = 0
    return dictionary


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hunspell-verdicts"


@dataclass
class Word:
    source: Source
    offset: int
    text: str
    lang: str
    prefix: str = ""  # 'activity "x": ' and the field, for data texts


# Names have one home each, and the check takes their words from there rather
# than from the word lists: (file, list key, fields holding a name {lv, en}
# or a plain text).
NAME_HOMES = (
    ("data/partners.yml", "partners", ("name", "abbreviation")),
    ("data/sources.yml", "publishers", ("name",)),
    ("data/terms.yml", "terms", ("lv", "en")),
)


def name_words(root: Path) -> dict[str, str]:
    """Every word of the names in NAME_HOMES -> the file it comes from. A
    name is right in either language's text ("Latvijas Pašvaldību savienība"
    quoted in English); a file that does not parse adds nothing (the data
    check reports it)."""
    found: dict[str, str] = {}
    for shown, key, fields in NAME_HOMES:
        try:
            document, _ = sitedata.read_yaml(root / shown, shown)
        except sitedata.DataError:
            continue
        for item in (document or {}).get(key) or []:
            for field_name in fields:
                value = item.get(field_name) if isinstance(item, dict) else None
                texts = value.values() if isinstance(value, dict) else [value]
                for text in texts:
                    if isinstance(text, str):
                        for word in WORD.findall(text):
                            found.setdefault(word, shown)
    return found


class Speller:
    def __init__(self, root: Path) -> None:
        self.lists = {lang: WordList.read(root, lang) for lang in LANGUAGES}
        self.names = name_words(root)
        self.dictionaries = Dictionaries(cache_dir())
        self._suggested: dict[tuple[str, str], str] = {}
        self.used: set[tuple[str, str]] = set()

    def correct(self, word: str, lang: str) -> bool:
        if len(word) < 2 or word in self.names:
            return True
        if self.lists[lang].allows(word):
            self.used.add((lang, word))
            return True
        if self.dictionaries.known(word, lang):
            return True
        if "-" in word:  # each part of a hyphenated word, as Hunspell's BREAK does
            return all(len(part) < 2 or self.correct(part, lang) for part in word.split("-"))
        return False

    def advice(self, word: str, lang: str) -> str:
        """What to say about a misspelt word: the likely word, or the dictionary's suggestions."""
        key = (word, lang)
        if key not in self._suggested:
            restored = self._with_diacritics(word) if lang == "lv" else []
            if restored:
                self._suggested[key] = f"typed without diacritics? Did you mean {_either(restored[:3])}?"
            else:
                found = self.dictionaries.suggestions(word, lang)
                self._suggested[key] = f"did you mean {_either(found)}?" if found else "the dictionary has no suggestion"
        return self._suggested[key]

    def _with_diacritics(self, word: str) -> list[str]:
        """Known words that differ from `word` only by diacritics it lacks."""
        spots = [i for i, letter in enumerate(word) if letter.lower() in DIACRITICS]
        if not spots or 2 ** len(spots) > MAX_VARIANTS:
            return []
        found = []
        for choice in itertools.product((False, True), repeat=len(spots)):
            if not any(choice):
                continue
            letters = list(word)
            for spot, change in zip(spots, choice):
                if change:
                    letter = DIACRITICS[letters[spot].lower()]
                    letters[spot] = letter.upper() if letters[spot].isupper() else letter
            candidate = "".join(letters)
            if self.dictionaries.known(candidate, "lv") or self.lists["lv"].allows(candidate):
                found.append(candidate)
        return found

    def message(self, word: Word) -> str:
        line, column = word.source.where(word.offset)
        shown = self.lists[word.lang].shown
        return (f"{word.source.shown}:{line}:{column}: {word.prefix}\"{word.text}\" is not in the {LANGUAGES[word.lang]} dictionary "
                f"({self.advice(word.text, word.lang)}): correct it, or, if it is spelt right (a name or a term), "
                f"add it to {shown}.")


def _either(words: list[str]) -> str:
    quoted = [f'"{word}"' for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def page_words(page: Page) -> list[Word]:
    text = page.text
    for pattern in (URL, EMAIL, DOMAIN, CODE):
        text = blank_all(text, pattern)
    words = []
    for match in WORD.finditer(text):
        lang = page.lang_at(match.start())
        if lang in LANGUAGES:  # a part in another language (lang="no") is not checked
            words.append(Word(page.source, match.start(), match.group(0), lang))
    return words


def data_words(text: DataText) -> list[Word]:
    value = text.value
    for pattern in (URL, EMAIL, DOMAIN, CODE, PLACEHOLDER):
        value = blank_all(value, pattern)
    matches = list(WORD.finditer(value))
    offsets = text.locate([m.group(0) for m in matches])
    # data/ui/<lang>.yml: the file names the language; elsewhere title.lv does.
    prefix = f"{text.field}: " if text.source.shown.startswith("data/ui/") else f"{text.label}{text.name}: "
    return [Word(text.source, at, m.group(0), text.lang, prefix) for m, at in zip(matches, offsets)]


def check(root: Path) -> tuple[list[str], list[str]]:
    """(errors, warnings): misspelt words in pages and data texts, and the
    word lists' own mistakes (a duplicate, a word the dictionary knows) and
    entries no text uses."""
    speller = Speller(root)
    missing = speller.dictionaries.missing()
    if missing:
        return missing, []
    words = [w for page in pages(root) for w in page_words(page)]
    for pair in data_pairs(root):
        for text in pair:
            words += data_words(text)
    errors = [problem for words_list in speller.lists.values() for problem in words_list.problems]
    errors += [speller.message(word) for word in words if not speller.correct(word.text, word.lang)]
    warnings = []
    for lang, word_list in speller.lists.items():
        for entry in word_list.entries:
            if entry.word in speller.names:
                errors.append(f"{word_list.shown}:{entry.line}:1: \"{entry.word}\" is a name or term from {speller.names[entry.word]}, "
                              f"which the check reads itself: delete this line.")
            elif speller.dictionaries.known(entry.word, lang):
                errors.append(f"{word_list.shown}:{entry.line}:1: \"{entry.word}\" is already in the {LANGUAGES[lang]} dictionary: "
                              f"delete this line.")
            elif not any(used_lang == lang and word_list.entry_for(w) is entry for used_lang, w in speller.used):
                warnings.append(f"{word_list.shown}:{entry.line}:1: warning: \"{entry.word}\" is used in no page or data text: "
                                f"delete this line, unless a change on its way needs it.")
    speller.dictionaries.save()
    return errors, warnings
