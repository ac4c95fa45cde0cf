"""Encoding detection: textmend against plain ``chardet.detect`` on the same files.

``python benchmarks/bench_decoding.py [--quick] [--json FILE]``

The files are built at run time, never stored: texts from charset-normalizer's
source distribution (downloaded with pip into ``.cache/``) and CPython's
``test/cjkencodings``, each encoded in every encoding of its language that can
hold it, plus UTF-8, UTF-16 and UTF-32 in both byte orders.  On top of that,
short slices of 20 to 100 bytes, and large files (a legacy file, a file that
mixes UTF-8 with GBK, a file whose first non-ASCII byte lies past chardet's
window).

An answer is right when it decodes the bytes to exactly the text that was
encoded.  textmend's figures are those of :func:`textmend.decoding.decode`,
which also decodes and checks the whole input, and refuses a guess below its
confidence threshold; chardet's are those of ``chardet.detect`` with its
defaults.  ``tests/test_decoding.py`` asserts on the same corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import chardet  # noqa: E402

from textmend.decoding import decode  # noqa: E402
from textmend.errors import TextmendError  # noqa: E402

__all__ = [
    "CHARSET_NORMALIZER",
    "Sample",
    "Score",
    "cache_dir",
    "detection_corpus",
    "fetch_charset_normalizer",
    "large_samples",
    "main",
    "score_chardet",
    "score_textmend",
    "short_samples",
    "source_texts",
]

CHARSET_NORMALIZER = "3.5.3"

# The sample files of charset-normalizer's sdist and the encoding each is in
# (charset-normalizer's own tests/test_full_detection.py says so).
_SAMPLES: dict[str, tuple[str, str]] = {
    "sample-arabic-1.txt": ("ar", "cp1256"),
    "sample-arabic.txt": ("ar", "utf-8"),
    "sample-bulgarian.txt": ("bg", "utf-8"),
    "sample-chinese.txt": ("zh-hant", "big5"),
    "sample-french-1.txt": ("fr", "cp1252"),
    "sample-french.txt": ("fr", "utf-8"),
    "sample-greek.txt": ("el", "cp1253"),
    "sample-hebrew-2.txt": ("he", "cp1255"),
    "sample-korean.txt": ("ko", "cp949"),
    "sample-polish.txt": ("pl", "utf-8"),
    "sample-russian-2.txt": ("ru", "utf-8"),
    "sample-russian-3.txt": ("ru", "utf-8"),
    "sample-russian.txt": ("ru", "mac-cyrillic"),
    "sample-spanish.txt": ("es", "utf-8"),
    "sample-turkish.txt": ("tr", "cp1254"),
}

# The legacy encodings each language is written in.
_LEGACY: dict[str, tuple[str, ...]] = {
    "ar": ("cp1256", "iso8859-6", "cp720", "cp864"),
    "bg": ("cp1251", "iso8859-5", "cp866", "mac-cyrillic"),
    "el": ("cp1253", "iso8859-7", "mac-greek", "cp737", "cp869"),
    "es": ("cp1252", "iso8859-1", "mac-roman", "cp850", "cp437"),
    "fr": ("cp1252", "iso8859-1", "iso8859-15", "mac-roman", "cp850", "cp437", "cp863", "cp500"),
    "he": ("cp1255", "iso8859-8", "cp862"),
    "ko": ("cp949", "euc_kr", "johab", "iso2022_kr"),
    "pl": ("cp1250", "iso8859-2", "mac-latin2", "cp852", "iso8859-16"),
    "ru": ("cp1251", "koi8-r", "iso8859-5", "mac-cyrillic", "cp866", "cp855"),
    "tr": ("cp1254", "iso8859-9", "cp857", "mac-turkish"),
    "zh-hant": ("big5", "cp950", "big5hkscs"),
    # CPython's test/cjkencodings, by the codec each file is named after.
    "big5": ("big5", "cp950"),
    "big5hkscs": ("big5hkscs",),
    "cp949": ("cp949",),
    "euc_jisx0213": ("euc_jisx0213", "shift_jisx0213"),
    "euc_jp": ("euc_jp", "shift_jis", "cp932", "iso2022_jp", "euc_jis_2004"),
    "euc_kr": ("euc_kr", "cp949", "iso2022_kr", "johab"),
    "gb18030": ("gb18030",),
    "gb2312": ("gb2312", "gbk", "gb18030", "hz"),
    "gbk": ("gbk", "gb18030"),
    "hz": ("hz", "gb2312"),
    "iso2022_jp": ("iso2022_jp", "euc_jp", "shift_jis"),
    "iso2022_kr": ("iso2022_kr", "euc_kr"),
    "johab": ("johab",),
    "shift_jis": ("shift_jis", "cp932", "euc_jp", "iso2022_jp"),
    "shift_jisx0213": ("shift_jisx0213", "euc_jisx0213"),
}
_UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
# A sample needs this many non-ASCII characters to test detection at all.
_MIN_WIDE = 10


@dataclass(frozen=True, slots=True)
class Sample:
    """Bytes with the text they encode, and where they came from."""

    source: str
    encoding: str
    text: str
    data: bytes

    def read_as(self, encoding: str | None) -> bool:
        """Whether ``encoding`` decodes the bytes to exactly the text."""
        if encoding is None:
            return False
        try:
            return self.data.decode(encoding) == self.text
        except (UnicodeDecodeError, LookupError):
            return False


def cache_dir() -> Path:
    """Where downloads are kept: ``$TEXTMEND_TEST_CACHE`` or ``.cache/``."""
    return Path(os.environ.get("TEXTMEND_TEST_CACHE", ROOT / ".cache"))


def fetch_charset_normalizer(cache: Path) -> Path | None:
    """The folder of charset-normalizer's sample texts, downloaded once; ``None`` offline."""
    target = cache / f"charset-normalizer-{CHARSET_NORMALIZER}-data"
    if (target / "sample-french.txt").exists():
        return target
    with tempfile.TemporaryDirectory() as download:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-q",
                "-d",
                download,
                f"charset-normalizer=={CHARSET_NORMALIZER}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            return None
        sdist = next(Path(download).glob("charset_normalizer-*.tar.gz"))
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                name = member.name.rsplit("/", 1)[-1]
                if "/data/" in member.name and name in _SAMPLES:
                    data = tar.extractfile(member)
                    assert data is not None
                    (target / name).write_bytes(data.read())
    return target


def _cjkencodings() -> Path | None:
    try:
        import test  # the stdlib's test package, when the interpreter ships it
    except ImportError:
        return None
    folder = Path(test.__file__).parent / "cjkencodings"
    return folder if folder.is_dir() else None


def source_texts(samples: Path | None) -> dict[str, tuple[str, str]]:
    """``{source name: (language or codec family, text)}`` from both sources."""
    texts: dict[str, tuple[str, str]] = {}
    if samples is not None:
        for name, (language, encoding) in sorted(_SAMPLES.items()):
            path = samples / name
            if path.exists():
                texts[name] = (language, path.read_bytes().decode(encoding))
    cjk = _cjkencodings()
    if cjk is not None:
        for path in sorted(cjk.glob("*-utf8.txt")):
            family = path.name.removesuffix("-utf8.txt")
            texts[f"cjkencodings/{family}"] = (family, path.read_bytes().decode("utf-8"))
    return texts


def detection_corpus(texts: dict[str, tuple[str, str]]) -> list[Sample]:
    """Every text in every encoding of its language that can hold its lines.

    Lines an encoding cannot hold are left out of that encoding's sample, so
    that e.g. French in cp437 is the French that cp437 can write.
    """
    corpus: list[Sample] = []
    for source, (language, text) in texts.items():
        for encoding in (*_LEGACY.get(language, ()), *_UNICODE):
            kept = []
            for line in text.splitlines(keepends=True):
                try:
                    line.encode(encoding)
                except UnicodeEncodeError:
                    continue
                kept.append(line)
            sample_text = "".join(kept)
            if sum(1 for c in sample_text if c >= "\x80") < _MIN_WIDE:
                continue
            data = sample_text.encode(encoding)
            sample = Sample(source, encoding, sample_text, data)
            if sample.read_as(encoding):  # a codec that does not round-trip tests nothing
                corpus.append(sample)
    return corpus


def short_samples(corpus: Sequence[Sample], per_sample: int = 3, seed: int = 4) -> list[Sample]:
    """Slices of 20 to 100 bytes, cut at character boundaries, with non-ASCII in them."""
    rng = random.Random(seed)
    shorts: list[Sample] = []
    for sample in corpus:
        if sample.encoding in ("utf-16", "utf-8-sig"):
            continue  # a byte order mark decides those, not detection
        text, encoding = sample.text, sample.encoding
        found = 0
        for _ in range(200):
            if found == per_sample:
                break
            size = rng.randint(20, 100)
            start = rng.randrange(0, max(1, len(text) - 10))
            end = start
            while end < len(text) and len(text[start:end].encode(encoding)) < size:
                end += 1
            piece = text[start:end]
            data = piece.encode(encoding)
            if not 20 <= len(data) <= 100 or sum(1 for c in piece if c >= "\x80") < 2:
                continue
            short = Sample(sample.source, encoding, piece, data)
            if short.read_as(encoding):
                shorts.append(short)
                found += 1
    return shorts


@dataclass(frozen=True, slots=True)
class Score:
    """How one detector did on a set of samples."""

    right: int
    wrong: int
    refused: int
    seconds: list[float]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else 0.0

    @property
    def total_s(self) -> float:
        return sum(self.seconds)


def score_textmend(samples: Sequence[Sample]) -> Score:
    """textmend's decode on each sample: right, wrong, refused, and the time each took."""
    right = wrong = refused = 0
    seconds: list[float] = []
    for sample in samples:
        start = time.perf_counter()
        try:
            text: str | None = decode(sample.data).text
        except TextmendError:
            text = None
        seconds.append(time.perf_counter() - start)
        if text is None:
            refused += 1
        elif text == sample.text:
            right += 1
        else:
            wrong += 1
    return Score(right, wrong, refused, seconds)


def score_chardet(samples: Sequence[Sample], threshold: float = 0.0) -> Score:
    """``chardet.detect`` on each sample; answers below ``threshold`` count as refused."""
    right = wrong = refused = 0
    seconds: list[float] = []
    for sample in samples:
        start = time.perf_counter()
        result = chardet.detect(sample.data)
        seconds.append(time.perf_counter() - start)
        if result["confidence"] < threshold:
            refused += 1
        elif sample.read_as(result["encoding"]):
            right += 1
        else:
            wrong += 1
    return Score(right, wrong, refused, seconds)


def large_samples(scale: int) -> list[Sample]:
    """Large files built from the fixture texts: ``scale`` copies of each."""
    fixtures = ROOT / "fixtures" / "decoding"
    zh = (fixtures / "zh.txt").read_text(encoding="utf-8")
    ru = (fixtures / "ru.txt").read_text(encoding="utf-8")
    fr = (fixtures / "fr.txt").read_text(encoding="utf-8")
    half = scale // 2
    late = "status: ok, nothing to report\n" * (scale * 40) + fr
    samples = [
        Sample("ru", "cp1251", ru * scale, (ru * scale).encode("cp1251")),
        Sample("zh", "gbk", zh * scale, (zh * scale).encode("gbk")),
        Sample(
            "zh",
            "utf-8+gbk",
            zh * half * 2,
            (zh * half).encode("utf-8") + (zh * half).encode("gbk"),
        ),
        Sample("fr", "cp1252 late", late, late.encode("cp1252")),
        Sample("fr", "utf-8", fr * scale, (fr * scale).encode("utf-8")),
    ]
    return samples


def _time(function: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/bench_decoding.py",
        description="Time and score textmend's decoding against plain chardet.detect.",
    )
    parser.add_argument("--quick", action="store_true", help="small large files, one round")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a markdown report on stdout."""
    args = _parser().parse_args(argv)
    samples_dir = fetch_charset_normalizer(cache_dir())
    if samples_dir is None:
        print("bench_decoding: charset-normalizer's sdist could not be downloaded", file=sys.stderr)
    corpus = detection_corpus(source_texts(samples_dir))
    shorts = short_samples(corpus, per_sample=1 if args.quick else 3)
    figures: dict[str, object] = {}
    lines = ["# Encoding detection: textmend against chardet.detect", ""]
    lines.append(f"chardet {chardet.__version__}, Python {sys.version.split()[0]}")
    lines.append("")
    lines.append(
        "| set | files | encodings | chardet right / wrong | textmend right / wrong "
        "/ refused | chardet median ms | textmend median ms | chardet total s "
        "| textmend total s |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for label, samples in (("whole files", corpus), ("short (20-100 bytes)", shorts)):
        ours, theirs = score_textmend(samples), score_chardet(samples)
        encodings = len({s.encoding for s in samples})
        lines.append(
            f"| {label} | {len(samples)} | {encodings} | {theirs.right} / {theirs.wrong} "
            f"| {ours.right} / {ours.wrong} / {ours.refused} | {theirs.median_ms:.2f} "
            f"| {ours.median_ms:.2f} | {theirs.total_s:.2f} | {ours.total_s:.2f} |"
        )
        figures[label] = {
            "files": len(samples),
            "encodings": encodings,
            "chardet": {"right": theirs.right, "wrong": theirs.wrong, "s": theirs.total_s},
            "textmend": {
                "right": ours.right,
                "wrong": ours.wrong,
                "refused": ours.refused,
                "s": ours.total_s,
            },
        }

    scale = 200 if args.quick else 5000
    rounds = 1 if args.quick else 3
    lines += [
        "",
        "| large file | MB | chardet s | chardet right | textmend s | textmend right |",
        "|---|---|---|---|---|---|",
    ]
    for sample in large_samples(scale):
        theirs_s = _time(lambda s=sample: chardet.detect(s.data), rounds)  # type: ignore[misc]
        ours_s = _time(lambda s=sample: decode(s.data), rounds)  # type: ignore[misc]
        theirs_right = sample.read_as(chardet.detect(sample.data)["encoding"])
        try:
            ours_right = decode(sample.data).text == sample.text
        except TextmendError:
            ours_right = False
        label = f"{sample.source} {sample.encoding}"
        lines.append(
            f"| {label} | {len(sample.data) / 1e6:.1f} | {theirs_s:.3f} | {theirs_right} "
            f"| {ours_s:.3f} | {ours_right} |"
        )
        figures[label] = {"bytes": len(sample.data), "chardet_s": theirs_s, "textmend_s": ours_s}
    lines += [
        "",
        "textmend's time includes decoding and checking every byte of the input; "
        "chardet's is detection alone, on at most its first 200 KB.",
    ]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
