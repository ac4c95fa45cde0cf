"""Mending corpora: JSON Lines, Parquet and folders of text, in parallel and resumable.

``textmend corpus`` is the command; this package is the same from Python:

* :func:`mend_corpus` runs a whole corpus (shards, process pool or Dask,
  completion markers, a :class:`Report`);
* :func:`fix_records` mends an iterable of records lazily;
* :class:`Mender` is a picklable callback for ``datasets.map``, pandas and
  other engines (Ray Data, Spark, datatrove: see ``docs/corpus.md``).

Importing it loads neither tqdm, pyarrow nor Dask: each is imported when a
run needs it.

>>> from textmend.corpus import fix_records
>>> next(fix_records([{"id": 1, "text": "指出,,发展"}]))
{'id': 1, 'text': '指出，发展'}
"""

from __future__ import annotations

from textmend.corpus._counters import Counters
from textmend.corpus._executors import DEFAULT_CHUNK_BYTES, cpu_count
from textmend.corpus._mend import CORPUS_CONFIG, Mender, fix_records, mend
from textmend.corpus._run import Report, mend_corpus
from textmend.corpus._shards import STATE_DIR, CorpusError, Shard
from textmend.corpus._work import Job, ShardResult

__all__ = [
    "CORPUS_CONFIG",
    "DEFAULT_CHUNK_BYTES",
    "STATE_DIR",
    "CorpusError",
    "Counters",
    "Job",
    "Mender",
    "Report",
    "Shard",
    "ShardResult",
    "cpu_count",
    "fix_records",
    "mend",
    "mend_corpus",
]
