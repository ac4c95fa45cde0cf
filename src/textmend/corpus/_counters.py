"""What a corpus run counts, in a form that merges across workers and shards.

A :class:`Counters` is filled by one worker from the steps of each document's
one fix (no second pass), sent back to the main process with the shard's
result, and added to the run's total there.  Merging is plain addition, so the
total does not depend on which worker did what, or in which order shards end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Counters"]


@dataclass(slots=True)
class Counters:
    """Counts over a set of documents.  ``+=`` another to merge.

    >>> a, b = Counters(documents=2, changed=1), Counters(documents=3)
    >>> a += b
    >>> a.documents, a.changed
    (5, 1)
    """

    #: Documents read (records with a string in the field, or text files).
    documents: int = 0
    #: Documents the rules changed.
    changed: int = 0
    #: Records passed through untouched because their field is missing or not a string.
    without_text: int = 0
    #: Bytes read and (to be) written.
    bytes_in: int = 0
    bytes_out: int = 0
    #: Per rule code: edits made, and documents with at least one edit.
    edits: Counter[str] = field(default_factory=Counter)
    rule_documents: Counter[str] = field(default_factory=Counter)
    #: Documents whose mended text still shows data lost for good.
    lost_documents: int = 0
    #: Per detect-only rule code: findings in the mended text.
    lost_findings: Counter[str] = field(default_factory=Counter)
    #: Per finding message (what kind of loss): findings in the mended text.
    lost_kinds: Counter[str] = field(default_factory=Counter)

    def __iadd__(self, other: Counters) -> Counters:
        self.documents += other.documents
        self.changed += other.changed
        self.without_text += other.without_text
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.edits.update(other.edits)
        self.rule_documents.update(other.rule_documents)
        self.lost_documents += other.lost_documents
        self.lost_findings.update(other.lost_findings)
        self.lost_kinds.update(other.lost_kinds)
        return self

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (keys sorted, so reports and markers are reproducible)."""
        return {
            "documents": self.documents,
            "changed": self.changed,
            "without_text": self.without_text,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "edits": dict(sorted(self.edits.items())),
            "rule_documents": dict(sorted(self.rule_documents.items())),
            "lost_documents": self.lost_documents,
            "lost_findings": dict(sorted(self.lost_findings.items())),
            "lost_kinds": dict(sorted(self.lost_kinds.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Counters:
        """The inverse of :meth:`to_json` (for completion markers read back on resume)."""
        return cls(
            documents=int(data["documents"]),
            changed=int(data["changed"]),
            without_text=int(data["without_text"]),
            bytes_in=int(data["bytes_in"]),
            bytes_out=int(data["bytes_out"]),
            edits=Counter(data["edits"]),
            rule_documents=Counter(data["rule_documents"]),
            lost_documents=int(data["lost_documents"]),
            lost_findings=Counter(data["lost_findings"]),
            lost_kinds=Counter(data["lost_kinds"]),
        )
