"""The fuzz target proper: one input in, every invariant checked.

Kept free of atheris so that a saved input can be replayed without it:
``python -m fuzz --replay FILE``.
"""

from __future__ import annotations

import traceback

import textmend

__all__ = [
    "CONFIGS",
    "InvariantBroken",
    "as_text",
    "check_bytes",
    "check_text_invariants",
    "one_input",
    "signature",
]


class InvariantBroken(AssertionError):
    """An invariant failed; the message names it and shows the input.

    ``kind`` names the invariant; ``rules`` the rules involved, in execution
    order (for idempotence, the ones the second run still applied), so that
    failures can be told apart without reading them.
    """

    def __init__(self, kind: str, rules: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.rules = rules


# The default run, repairs only, and a conversion that rewrites most Han text.
CONFIGS = (
    textmend.Config(),
    textmend.Config(preset="safe"),
    textmend.Config(zh_script="hans"),
)


def _codes(fixed: textmend.Fixed) -> tuple[str, ...]:
    return tuple(dict.fromkeys(step.code for step in fixed.steps))


def check_text_invariants(text: str, config: textmend.Config) -> None:
    """Raise :class:`InvariantBroken` unless fix, check and replay agree on ``text``."""
    fixed = textmend.fix_and_explain(text, config=config)
    if textmend.replay(text, fixed.steps) != fixed.text:
        raise InvariantBroken("replay", _codes(fixed), f"replay differs from fix on {text!r}")
    again = textmend.fix_and_explain(fixed.text, config=config)
    if again.text != fixed.text:
        raise InvariantBroken(
            "idempotence",
            _codes(again),
            f"not idempotent on {text!r}: {fixed.text!r} -> {again.text!r}",
        )
    fixable = [f for f in textmend.check_text(text, config=config) if f.replacement is not None]
    if bool(fixable) != (fixed.text != text):
        raise InvariantBroken(
            "check-vs-fix",
            _codes(fixed),
            f"check and fix disagree on {text!r}: {len(fixable)} fixable findings, "
            f"fix {'changed' if fixed.text != text else 'kept'} the text",
        )


def check_bytes(data: bytes) -> None:
    """``fix_bytes`` returns text that is already fixed, or raises a documented error."""
    try:
        text = textmend.fix_bytes(data)
    except textmend.TextmendError:
        return
    again = textmend.fix_and_explain(text)
    if again.text != text:
        raise InvariantBroken(
            "bytes-idempotence", _codes(again), f"fix_bytes output is not fixed for {data!r}"
        )


def as_text(data: bytes, how: int) -> str:
    """Any bytes as some text, in one of four readings.

    UTF-8 keeps structured input (CJK, mojibake seeds) as itself; with
    surrogateescape every undecodable byte becomes a lone surrogate; Latin-1
    turns bytes into the accented letters mojibake is made of; UTF-16 with
    surrogatepass reaches every BMP code point, lone surrogates included.
    """
    how %= 4
    if how == 0:
        return data.decode("utf-8", errors="replace")
    if how == 1:
        return data.decode("utf-8", errors="surrogateescape")
    if how == 2:
        return data.decode("latin-1")
    return data[: len(data) // 2 * 2].decode("utf-16-le", errors="surrogatepass")


def one_input(data: bytes) -> None:
    """Interpret ``data``: the first byte picks what to run, the rest is the input."""
    if not data:
        return
    selector, rest = data[0], data[1:]
    if selector % 4 == 3:
        check_bytes(rest)
        return
    check_text_invariants(as_text(rest, selector >> 2), CONFIGS[selector % 4])


def signature(exc: BaseException) -> str:
    """A short name for a failure, the same for the same bug: what broke, and where."""
    if isinstance(exc, InvariantBroken):
        # The first rule involved is the one at fault: later ones act on what it left.
        return f"{exc.kind}:{exc.rules[0] if exc.rules else '-'}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "textmend" in f.filename]
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].name}" if frames else "?"
    return f"exception:{type(exc).__name__}@{where}"
