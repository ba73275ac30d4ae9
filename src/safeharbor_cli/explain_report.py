"""Text and JSON renderings of ``explain`` and ``whatif`` results (plain text: no rich needed)."""

from __future__ import annotations

from typing import Any

from .conditions import Trace
from .explain import CriterionExplanation, NextGrade
from .report import head_dict as _head
from .report import header_line
from .states import Citation, Entry
from .whatif import WhatIf

MARKS = {True: "[met]", False: "[not met]", None: "[unknown]"}
JSON_MARKS = {True: "met", False: "not_met", None: "unknown"}
_KIND_WORDS = {"all": "all of:", "any": "any of:", "not": "not:"}


def show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _entry_text(entry: Entry | None, cite: Any) -> str:
    if entry is None:
        return "no timeline entry"
    parts = [f"since {entry.since.isoformat()}"]
    if entry.bill:
        parts.append(entry.bill)
    parts.append(f"{entry.confidence} confidence")
    refs = "".join(f"[{cite(c)}]" for c in entry.citations)
    return ", ".join(parts) + (f" {refs}" if refs else "")


def _tree_lines(trace: Trace, depth: int, cite: Any, label: str | None = None) -> list[str]:
    pad = "  " * depth
    mark = MARKS[trace.result]
    label = label or trace.label
    if trace.kind == "leaf":
        test = f" ({trace.test})" if trace.test and trace.test != label else ""
        return [f"{pad}{mark:<10}{label}{test}: value {show(trace.value)}; {_entry_text(trace.entry, cite)}"]
    if trace.kind == "ref":
        inner = trace.children[0]
        if inner.kind == "leaf":
            return _tree_lines(inner, depth, cite, label)
        if inner.kind in _KIND_WORDS:
            word = _KIND_WORDS[inner.kind]
            return [
                f"{pad}{mark:<10}{label} ({word})",
                *(x for ch in inner.children for x in _tree_lines(ch, depth + 1, cite)),
            ]
        return [f"{pad}{mark:<10}{label}:", *_tree_lines(inner, depth + 1, cite)]
    word = _KIND_WORDS[trace.kind]
    head = f"{pad}{mark:<10}{word}" if label == trace.kind else f"{pad}{mark:<10}{label} ({word})"
    return [head, *(x for ch in trace.children for x in _tree_lines(ch, depth + 1, cite))]


class _Sources:
    def __init__(self) -> None:
        self.items: list[Citation] = []

    def __call__(self, citation: Citation) -> int:
        if citation not in self.items:
            self.items.append(citation)
        return self.items.index(citation) + 1

    def lines(self) -> list[str]:
        if not self.items:
            return []
        return ["", "Sources:", *(f"  [{i}] {c.title} <{c.href}>" for i, c in enumerate(self.items, 1))]


def criterion_text(x: CriterionExplanation) -> str:
    r, c, o = x.result, x.criterion, x.outcome
    cite = _Sources()
    out = [
        f"{r.name} ({r.code}) · {c.id} {c.title} · {header_line(r)}",
        f"Scored {o.points} of {c.max} points: {o.reason}",
        "",
        "Levels, in order (the first one met scores):",
    ]
    for lv in x.levels:
        tag = "  <- scored" if lv.scored else ""
        out.append(f"  level {lv.index + 1} ({lv.points} points) {MARKS[lv.trace.result]} {lv.reason}{tag}")
        out += _tree_lines(lv.trace, 2, cite)
    tag = "  <- scored" if o.decided and o.level is None else ""
    out.append(f"  otherwise (0 points) {c.otherwise}{tag}")
    if not o.decided:
        first = next(lv for lv in x.levels if lv.trace.result is None)
        out.append(
            f"  undecided: level {first.index + 1} is unknown ({', '.join(o.unknown_facts)} unknown), so no later"
            " level scores until it is coded: 0 points"
        )
    if x.withheld:
        out += ["", f"Recommendation ({c.max - o.points} points withheld): {c.recommendation}"]
    out += ["", f"Basis: {c.basis}"]
    out += cite.lines()
    return "\n".join(out) + "\n"


def _trace_dict(trace: Trace) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": trace.kind, "label": trace.label, "result": JSON_MARKS[trace.result]}
    if trace.kind == "leaf":
        e = trace.entry
        d["test"] = trace.test
        d["fact"] = trace.fact
        d["value"] = trace.value
        d["entry"] = (
            {
                "since": e.since.isoformat(),
                "bill": e.bill,
                "confidence": e.confidence,
                "citations": [c.as_dict() for c in e.citations],
            }
            if e is not None
            else None
        )
    else:
        d["children"] = [_trace_dict(ch) for ch in trace.children]
    return d


def criterion_dict(x: CriterionExplanation) -> dict[str, Any]:
    c, o = x.criterion, x.outcome
    return {
        **_head(x.result),
        "criterion": {"id": c.id, "area": c.area, "title": c.title, "max": c.max},
        "points": o.points,
        "decided": o.decided,
        "reason": o.reason,
        "level": None if o.level is None else o.level + 1,
        "levels": [
            {"level": lv.index + 1, "points": lv.points, "reason": lv.reason, "scored": lv.scored}
            | {"result": JSON_MARKS[lv.trace.result], "condition": _trace_dict(lv.trace)}
            for lv in x.levels
        ],
        "otherwise": c.otherwise,
        "recommendation": c.recommendation if x.withheld else None,
        "basis": c.basis,
    }


# ------------------------------------------------------------------------------------------------
# next grade


def _grade_text(total: int, top: int, letter: str, incomplete: bool = False) -> str:
    return f"{letter}{'*' if incomplete else ''} {total}/{top}"


def next_text(n: NextGrade) -> str:
    r = n.result
    out = [f"{r.name} ({r.code}): {_grade_text(r.total, r.max, r.grade, r.incomplete)} · {header_line(r)}"]
    if n.target is None:
        withheld = [c for c in r.criteria if c.points < c.criterion.max]
        if not withheld:
            out.append(f"{r.grade} is the top grade and every criterion has its full points.")
            return "\n".join(out) + "\n"
        word = "criterion still withholds" if len(withheld) == 1 else "criteria still withhold"
        out.append(f"{r.grade} is the top grade; {len(withheld)} {word} points:")
        out += [f"  {c.criterion.id} {c.criterion.title}: {c.points}/{c.criterion.max}" for c in withheld]
        return "\n".join(out) + "\n"
    out.append(f"Next grade: {n.target} from {n.target_min} points, {n.needed} more.")
    if not n.options:
        out.append("No set of fact changes found that reaches it.")
        return "\n".join(out) + "\n"
    out += ["", "What it would take, fewest fact changes first:"]
    unknown = False
    for i, o in enumerate(n.options, 1):
        word = "change" if o.cost == 1 else "changes"
        out.append(f"{i:>2}. {o.cost} {word} -> {o.grade} {o.total}/{r.max}")
        width = max(len(ch.fact) for ch in o.changes)
        for ch in o.changes:
            flag = " (unknown now)" if ch.before == "unknown" else ""
            unknown = unknown or bool(flag)
            out.append(f"      {ch.fact:<{width}}  {show(ch.before)} -> {show(ch.after)}{flag}")
        moves = ", ".join(f"{c.id} {a} -> {b}" for c, a, b in o.moves)
        out.append(f"      criteria: {moves}")
    if len(n.options) < n.limit:
        count = len(n.options)
        out += [
            "",
            f"{count} set{'' if count == 1 else 's'} of changes cost at most one change more than the cheapest.",
        ]
    if unknown:
        out += [
            "",
            "(unknown now): the data does not say what the law is; if the statute already says this, coding it",
            "is enough and no bill is needed.",
        ]
    out += ["", f"Why each criterion scored what it did: safeharbor explain {r.code} CRITERION"]
    return "\n".join(out) + "\n"


def next_dict(n: NextGrade) -> dict[str, Any]:
    r = n.result
    return {
        **_head(r),
        "total": r.total,
        "max": r.max,
        "grade": r.grade,
        "incomplete": r.incomplete,
        "next_grade": n.target,
        "next_grade_min": n.target_min if n.target else None,
        "points_needed": n.needed if n.target else None,
        "options": [
            {
                "changes": [{"fact": ch.fact, "from": ch.before, "to": ch.after} for ch in o.changes],
                "total": o.total,
                "grade": o.grade,
                "criteria": [{"id": c.id, "from": a, "to": b} for c, a, b in o.moves],
            }
            for o in n.options
        ],
    }


# ------------------------------------------------------------------------------------------------
# what-if


def _rank(rank: int | None, of: int) -> str:
    return f"rank {rank} of {of}" if rank else "no rank"


def whatif_text(w: WhatIf) -> str:
    b, a = w.before, w.after
    out = [f"What if {b.name} ({b.code}) changed · {header_line(b)}"]
    width = max(len(f) for f, _, _ in w.changes)
    out += [
        f"  {f:<{width}}  {show(old)} -> {show(new)}" + ("  (no change)" if old == new else "")
        for f, old, new in w.changes
    ]
    sign = "+" if w.points >= 0 else ""
    out += [
        "",
        f"Before: {_grade_text(b.total, b.max, b.grade, b.incomplete):<12} {_rank(b.rank, w.of)}",
        f"After:  {_grade_text(a.total, a.max, a.grade, a.incomplete):<12} {_rank(a.rank, w.of)}  ({sign}{w.points} points)",
        "",
    ]
    if not w.moves:
        out.append("No criterion moves.")
    else:
        out.append("Criteria that move:")
        for old, new in w.moves:
            c = new.criterion
            out.append(f"  {c.id:<5}{c.title}: {old.points}/{c.max} -> {new.points}/{c.max}")
            out.append(f"       now: {new.reason}")
    set_unknown = {f for f, _, new in w.changes if new == "unknown"}
    for r in w.undecided:
        open_facts = ", ".join(r.unknown_facts)
        hint = "" if set(r.unknown_facts) <= set_unknown else "; try --set for it too"
        out.append(f"{r.criterion.id} is undecided (scored 0): {open_facts} unknown{hint}.")
    return "\n".join(out) + "\n"


def _summary(r: Any) -> dict[str, Any]:
    return {"total": r.total, "max": r.max, "grade": r.grade, "incomplete": r.incomplete, "rank": r.rank}


def whatif_dict(w: WhatIf) -> dict[str, Any]:
    return {
        **_head(w.before),
        "changes": [{"fact": f, "from": old, "to": new} for f, old, new in w.changes],
        "before": _summary(w.before),
        "after": _summary(w.after),
        "ranked": w.of,
        "criteria": [
            {
                "id": new.criterion.id,
                "title": new.criterion.title,
                "max": new.criterion.max,
                "from": old.points,
                "to": new.points,
                "reason": new.reason,
            }
            for old, new in w.moves
        ],
        "undecided": [{"id": r.criterion.id, "unknown_facts": list(r.unknown_facts)} for r in w.undecided],
    }
