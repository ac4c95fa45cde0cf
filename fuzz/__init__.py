"""A coverage-guided fuzz target for textmend (atheris, libFuzzer's engine).

``python -m fuzz --seconds N`` feeds generated input to ``fix_text``,
``check_text`` and ``fix_bytes`` for N seconds and checks, on every input, the
invariants the property tests check more slowly: no exception except the
documented ones (subclasses of :class:`textmend.TextmendError`), fixing twice
equals fixing once, replay equals fix, and check finds something fixable
exactly when fix changes the text.  A failing input is written as
``crash-*`` into the working folder by libFuzzer; docs/reliability.md says
how to replay one.
"""
