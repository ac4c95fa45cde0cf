"""Deterministic corpora: clean text in several scripts, and the same text damaged.

Documents are built from the sentence pools in :mod:`benchmarks._text` and the
lines of ``fixtures/clean/`` with a seeded :class:`random.Random`, so a corpus
of a given size is the same on every machine and every run.  A damaged corpus
keeps the clean documents it was made from, so a repair can be scored against
what the author wrote.
"""

from __future__ import annotations

import contextlib
import importlib.util
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from benchmarks import _text

__all__ = [
    "ADVERSARIAL",
    "CLEAN_KINDS",
    "Corpus",
    "adversarial_text",
    "make_corpora",
    "one_line",
]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

#: Sentence separators by script: Latin prose puts a space between sentences.
_SPACE = " "
_NONE = ""


@dataclass(frozen=True, slots=True)
class Corpus:
    """A list of documents, and for damaged text the clean documents it came from."""

    name: str
    description: str
    docs: tuple[str, ...]
    #: The clean originals, one per document; ``None`` for a clean corpus.
    originals: tuple[str, ...] | None = None

    @property
    def nbytes(self) -> int:
        """Size in UTF-8 bytes, the unit of every MB/s figure."""
        return sum(len(doc.encode("utf-8", "surrogatepass")) for doc in self.docs)

    @property
    def damaged(self) -> bool:
        return self.originals is not None


def _fixture_lines(name: str) -> tuple[str, ...]:
    path = FIXTURES / "clean" / name
    if not path.exists():
        return ()
    return tuple(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def _pools() -> dict[str, tuple[tuple[str, ...], str]]:
    """Each clean kind: its sentences and the separator between them."""
    return {
        "en-ascii": (_text.EN_ASCII, _SPACE),
        "en": (_text.EN_TYPOGRAPHIC + _text.EN_ASCII + _fixture_lines("en.txt"), _SPACE),
        "zh-hans": (_text.ZH_HANS + _fixture_lines("zh-hans.txt"), _NONE),
        "zh-hant": (_text.ZH_HANT + _fixture_lines("zh-hant.txt"), _NONE),
        "ja": (_text.JA + _fixture_lines("ja.txt"), _NONE),
    }


#: The clean corpora and what they hold.
CLEAN_KINDS: dict[str, str] = {
    "en-ascii": "English prose, plain ASCII",
    "en": "English prose with curly quotes, dashes and accented words",
    "zh-hans": "Simplified Chinese prose",
    "zh-hant": "Traditional Chinese prose",
    "ja": "Japanese prose",
    "mixed": "paragraphs of all of the above, Korean, Cyrillic, Greek, Arabic, Devanagari, "
    "Thai, emoji, maths and source code",
}


def _paragraph(rng: random.Random, sentences: Sequence[str], sep: str) -> str:
    return sep.join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))


def _document(rng: random.Random, kind: str) -> str:
    paragraphs = rng.randint(2, 8)
    if kind != "mixed":
        sentences, sep = _pools()[kind]
        return "\n".join(_paragraph(rng, sentences, sep) for _ in range(paragraphs)) + "\n"
    others = (
        _text.OTHER_SCRIPTS
        + _fixture_lines("ko.txt")
        + _fixture_lines("mixed.txt")
        + _fixture_lines("code.txt")
        + _fixture_lines("compat-ideographs.txt")
        + _fixture_lines("pinyin-legit.txt")
    )
    choices = [*_pools().items(), ("other", (others, "\n"))]
    out = []
    for _ in range(paragraphs):
        _kind, (sentences, sep) = rng.choice(choices)
        out.append(_paragraph(rng, sentences, sep))
    return "\n".join(out) + "\n"


def _clean_docs(kind: str, size: int, seed: int) -> tuple[str, ...]:
    """Documents of one kind until their UTF-8 size reaches ``size`` bytes."""
    rng = random.Random(f"{kind}:{seed}")
    docs: list[str] = []
    total = 0
    while total < size:
        doc = _document(rng, kind)
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return tuple(docs)


@cache
def _damage_module() -> ModuleType:
    """``tests/damage.py``: the damage the test suite undoes, used here at scale."""
    path = ROOT / "tests" / "damage.py"
    spec = importlib.util.spec_from_file_location("textmend_test_damage", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _founding_damage(doc: str, rng: random.Random) -> str:
    """The founding example's damage: converter pinyin, ASCII brackets and commas, a lost byte.

    In the order it happened: a Simplified-to-Traditional web converter pasted
    its readings after the characters it changed, a scraper folded fullwidth
    brackets and commas to ASCII (doubling the commas and leaving ``,。``), and
    in transit some lines lost one byte of their GBK encoding.
    """
    damage = _damage_module()
    text: str = damage.converter_damage(doc)
    text = text.replace("\uff08", "(").replace("\uff09", ")")
    text = damage.fold_commas(text)
    text = "".join(",\u3002" if char == "\u3002" and rng.random() < 0.3 else char for char in text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        han = [j for j, char in enumerate(line) if "\u4e00" <= char <= "\u9fff"]
        if len(han) > 8 and rng.random() < 0.25:
            # A character GBK cannot encode: this line travelled safely.
            with contextlib.suppress(UnicodeEncodeError):
                lines[i] = damage.drop_gbk_byte(line, rng.choice(han[2:-2]))
    return "\n".join(lines)


def _cp1252(doc: str) -> str:
    return doc.encode("utf-8").decode("cp1252", errors="replace")


def _latin1(doc: str) -> str:
    return doc.encode("utf-8").decode("latin-1")


def _gbk(doc: str) -> str:
    return doc.encode("utf-8").decode("gbk", errors="replace")


_DAMAGED: dict[str, tuple[str, str, Callable[[str], str] | None]] = {
    "en-cp1252": ("en", "English mojibake: UTF-8 read as Windows-1252", _cp1252),
    "en-latin1": ("en", "English mojibake: UTF-8 read as Latin-1", _latin1),
    "zh-gbk": ("zh-hans", "CJK mojibake: UTF-8 of Chinese read as GBK", _gbk),
    "founding": (
        "zh-hans",
        "the founding example's damage: converter pinyin, ASCII commas and brackets, "
        "GBK bytes out of step",
        None,
    ),
}


def make_corpora(size: int, seed: int = 8, names: Sequence[str] | None = None) -> list[Corpus]:
    """Every corpus, each about ``size`` bytes of UTF-8 (the clean text, for damaged ones).

    >>> [c.name for c in make_corpora(2000, names=["en", "founding"])]
    ['en', 'founding']
    """
    wanted = list(CLEAN_KINDS) + list(_DAMAGED) if names is None else list(names)
    corpora: list[Corpus] = []
    for name in wanted:
        if name in CLEAN_KINDS:
            corpora.append(Corpus(name, CLEAN_KINDS[name], _clean_docs(name, size, seed)))
            continue
        source, description, damage = _DAMAGED[name]
        originals = _clean_docs(source, size, seed)
        if damage is None:
            rng = random.Random(f"{name}:{seed}")
            docs = tuple(_founding_damage(doc, rng) for doc in originals)
        else:
            docs = tuple(damage(doc) for doc in originals)
        corpora.append(Corpus(name, description, docs, originals))
    return corpora


def one_line(corpus: Corpus) -> str:
    """The whole corpus as one line, without a single line break."""
    return " ".join(doc.replace("\n", " ") for doc in corpus.docs)


#: Inputs built to find quadratic behaviour: the repeated unit and what it stresses.
ADVERSARIAL: dict[str, tuple[str, str]] = {
    "commas": (",", "a run of ASCII commas (doubled-comma search)"),
    "open-brackets": ("(", "unclosed ASCII brackets (bracket pairing)"),
    "a-tilde": ("\u00c3", "a run of \u00c3, the lead byte of Latin-1 mojibake"),
    "nested-brackets": ("(\u4e2d", "brackets nested a megabyte deep around Han"),
    "han-brackets": ("\u4e2d(\u6587)", "many bracket pairs around Han, each one an edit"),
    "han-doubled-commas": ("\u4e2d,,", "a doubled comma after every Han character"),
    "han-question": ("\u4e2d?", "a ? after every Han character (GBK re-reading)"),
    "han-replacement": ("\u4e2d\ufffd", "U+FFFD after every Han character (GBK re-reading)"),
    "alternating-scripts": (
        "a\u4e2d\u3042\ud55c\u044f\u03b1",
        "Latin, Han, kana, Hangul, Cyrillic and Greek in turn",
    ),
}


def adversarial_text(name: str, size: int) -> str:
    """``size`` bytes (UTF-8, about) of an adversarial input.

    ``nested-brackets`` closes every bracket it opens, at the end.
    """
    unit, _ = ADVERSARIAL[name]
    count = max(1, size // len(unit.encode("utf-8")))
    if name == "nested-brackets":
        half = max(1, count // 2)
        return unit * half + ")" * half
    return unit * count
