"""What a bill would do: grade a jurisdiction with some facts set to new values.

``--set FACT=VALUE`` values are checked against the vocabulary before anything is graded, so a
typo ends in one line with a suggestion ("'immunty' is not a value of prostitution_response; did
you mean 'immunity'?"), never in a silently unchanged grade.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dataset import Dataset
from .engine import CriterionResult, GradeResult, assign_ranks, grade_facts
from .fields import closest, did_you_mean
from .problems import UsageError
from .vocab import UNKNOWN, Vocabulary


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def parse_assignment(text: str, vocab: Vocabulary) -> tuple[str, Any]:
    """``FACT=VALUE`` as (fact id, typed value); UsageError naming the problem otherwise."""
    fact_id, sep, raw = text.partition("=")
    fact_id, raw = fact_id.strip(), raw.strip()
    if not sep or not fact_id or not raw:
        raise UsageError(f"--set {text!r}: write FACT=VALUE, e.g. --set prostitution_response=immunity")
    if fact_id not in vocab:
        hint = did_you_mean(fact_id, vocab.ids)
        raise UsageError(f"--set {text}: unknown fact '{fact_id}'{hint}; 'safeharbor facts' lists them")
    fact = vocab[fact_id]
    if raw == UNKNOWN:
        return fact_id, UNKNOWN
    if fact.type == "bool":
        value: Any = {"true": True, "false": False}.get(raw.lower())
        if value is None:
            raise UsageError(f"--set {text}: {fact_id} takes true, false or unknown, not '{raw}'")
        return fact_id, value
    if fact.type == "int":
        try:
            number = int(raw)
        except ValueError:
            raise UsageError(f"--set {text}: {fact_id} takes a whole number or unknown, not '{raw}'") from None
        if not fact.min <= number <= fact.max:
            raise UsageError(f"--set {text}: {fact_id} must be between {fact.min} and {fact.max}, not {number}")
        return fact_id, number
    if raw.lower() in fact.values:
        return fact_id, raw.lower()
    if raw not in fact.values:
        close = closest(raw, fact.values)
        hint = f"; did you mean '{close}'?" if close else ""
        raise UsageError(
            f"--set {text}: '{raw}' is not a value of {fact_id}{hint} (allowed: {', '.join(fact.values)}, unknown)"
        )
    return fact_id, raw


@dataclass
class WhatIf:
    before: GradeResult
    after: GradeResult
    changes: list[tuple[str, Any, Any]]  # fact, value now, value set
    moves: list[tuple[CriterionResult, CriterionResult]]  # criteria whose points move
    of: int  # jurisdictions ranked
    undecided: list[CriterionResult] = field(default_factory=list)  # read a set fact, still undecided

    @property
    def points(self) -> int:
        return self.after.total - self.before.total


def whatif(data: Dataset, state: str, assignments: list[tuple[str, Any]], day: dt.date) -> WhatIf:
    """Grade ``state`` on ``day`` as it is and with ``assignments`` applied; rank both among all."""
    seen: set[str] = set()
    for fact_id, _ in assignments:
        if fact_id in seen:
            raise UsageError(f"--set {fact_id} is given twice")
        seen.add(fact_id)
    code = data.state(state).code
    results = data.grade_all(day)
    before = next(r for r in results if r.code == code)
    facts = dict(before.facts)
    changes = []
    for fact_id, value in assignments:
        changes.append((fact_id, facts[fact_id][0], value))
        facts[fact_id] = (value, None)
    after = grade_facts(data.rubric, data.vocab, facts, code=code, name=before.name, as_of=day)
    after.verified_on = before.verified_on
    others = [r for r in results if r.code != code]
    assign_ranks([*others, after])  # gives `after` its rank; `before` keeps the one it had
    moves = [(b, a) for b, a in zip(before.criteria, after.criteria, strict=True) if b.points != a.points]
    touched = {f for f, _, _ in changes}
    undecided = [
        r for r in after.criteria if not r.decided and touched & {leaf.fact for t in r.traces for leaf in t.leaves()}
    ]
    return WhatIf(before, after, changes, moves, len(results), undecided)
