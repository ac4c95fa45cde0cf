"""textmend's benchmark harness: ``python -m benchmarks`` (``--quick`` for CI).

It generates its own deterministic corpora (:mod:`benchmarks.corpora`), times
textmend and ftfy side by side in one process run (:mod:`benchmarks.timing`),
and writes ``docs/benchmarks.md`` and ``docs/benchmarks.png``
(:mod:`benchmarks.report`).  The sections are throughput and correctness per
corpus, where textmend's time goes, cold start, peak memory on a large input,
and linearity on adversarial inputs.
"""

from __future__ import annotations

__all__: list[str] = []
