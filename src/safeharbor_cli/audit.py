"""``safeharbor audit``: the provenance of the data, per jurisdiction and nationally.

For each jurisdiction, on a date (default today): how many facts rest on each confidence level,
which facts are ``unknown``, which core (non-criminalization) facts are unknown, how many recorded
law changes name no bill, and when the file was last reviewed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dataset import Dataset
from .states import CONFIDENCE
from .vocab import UNKNOWN


@dataclass
class AuditRow:
    code: str
    name: str
    facts: int = 0
    confidence: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONFIDENCE, 0))
    unknown: list[str] = field(default_factory=list)
    unknown_core: list[str] = field(default_factory=list)
    entries: int = 0
    changes: int = 0
    changes_without_bill: int = 0
    verified_on: dt.date | None = None

    @property
    def known(self) -> int:
        return self.facts - len(self.unknown)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "facts": self.facts,
            "confidence": dict(self.confidence),
            "unknown": len(self.unknown),
            "unknown_facts": list(self.unknown),
            "unknown_core_facts": list(self.unknown_core),
            "entries": self.entries,
            "changes": self.changes,
            "changes_without_bill": self.changes_without_bill,
            "verified_on": self.verified_on.isoformat() if self.verified_on else None,
        }


@dataclass
class AuditReport:
    as_of: dt.date
    rows: list[AuditRow]
    total: AuditRow
    core_facts: list[str]

    @property
    def has_unknown_core(self) -> bool:
        return bool(self.total.unknown_core)

    def as_dict(self) -> dict[str, Any]:
        total = self.total.as_dict()  # lists hold "CODE:fact" items, as in the rows
        return {
            "as_of": self.as_of.isoformat(),
            "core_facts": self.core_facts,
            "jurisdictions": [r.as_dict() for r in self.rows],
            "total": total,
        }


def audit(data: Dataset, codes: list[str], day: dt.date) -> AuditReport:
    """Audit the given jurisdictions (all with data when ``codes`` is empty) on ``day``."""
    core = data.vocab.core_ids
    rows = []
    for code in codes or sorted(data.states):
        state = data.state(code)
        row = AuditRow(code, state.name, verified_on=state.verified_on)
        for fact in data.vocab.ids:
            row.facts += 1
            timeline = state.timelines[fact]
            row.entries += len(timeline.entries)
            later = timeline.entries[1:]
            row.changes += len(later)
            row.changes_without_bill += sum(1 for e in later if not e.bill)
            entry = timeline.at(day)
            if entry is None or entry.value == UNKNOWN:
                row.unknown.append(fact)
                if fact in core:
                    row.unknown_core.append(f"{code}:{fact}")
            else:
                row.confidence[entry.confidence] += 1
        rows.append(row)
    total = AuditRow("ALL", f"{len(rows)} jurisdictions")
    for row in rows:
        total.facts += row.facts
        for level in CONFIDENCE:
            total.confidence[level] += row.confidence[level]
        total.unknown += [f"{row.code}:{f}" for f in row.unknown]
        total.unknown_core += row.unknown_core
        total.entries += row.entries
        total.changes += row.changes
        total.changes_without_bill += row.changes_without_bill
        if row.verified_on and (total.verified_on is None or row.verified_on < total.verified_on):
            total.verified_on = row.verified_on
    return AuditReport(day, rows, total, core)
