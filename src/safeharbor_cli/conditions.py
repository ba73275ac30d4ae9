"""The rubric's condition language: a YAML tree, type-checked at load, evaluated three-valued.

A condition is one of::

    {fact: prostitution_response, op: eq, value: immunity, label: "..."}   # a leaf
    {all: [cond, ...]}   {any: [cond, ...]}   {not: cond}   {ref: named_condition}

Word operators only: eq, ne, lt, lte, gt, gte, in, not_in, at_least (ordered enums). Nothing is
ever evaluated as code. Logic is Kleene's: a leaf whose fact is ``unknown`` is unknown (None);
``all`` is false if any child is false, ``any`` true if any child is true, ``not`` keeps unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .fields import Collector, describe, did_you_mean
from .nodes import Pos, YList, YMap
from .record import Record
from .vocab import UNKNOWN, Fact, Vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

OPS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "bool": ("eq", "ne"),
    "int": ("eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in"),
    "enum": ("eq", "ne", "in", "not_in", "at_least"),
}
ALL_OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "at_least")
_OP_WORDS = {
    "eq": "is", "ne": "is not", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥",
    "in": "is one of", "not_in": "is none of", "at_least": "is at least",
}  # fmt: skip
_BRANCHES = ("all", "any", "not", "ref")


# Plain classes (see record.py): start-up time matters for a CLI run on every keystroke.
# Treat instances as read-only.
class Leaf(Record):
    """A test of one fact: ``{fact, op, value}``; ``text`` is the test in words."""

    __slots__ = ("fact", "op", "value", "label", "pos", "text")
    _fields = ("fact", "op", "value", "label", "pos")

    def __init__(self, fact: str, op: str, value: Any, label: str | None = None, pos: Pos = (0, 0)) -> None:
        self.fact, self.op, self.value, self.label, self.pos = fact, op, value, label, pos
        self.text = self.describe()

    def describe(self) -> str:
        shown = self.value
        if isinstance(shown, bool):
            shown = str(shown).lower()
        elif isinstance(shown, list):
            shown = ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in shown)
        return f"{self.fact} {_OP_WORDS[self.op]} {shown}"


class Branch(Record):
    """``all``/``any``/``not`` over children, or a ``ref`` to a named condition."""

    __slots__ = ("kind", "children", "ref", "label", "pos")
    _fields = __slots__

    def __init__(
        self,
        kind: str,
        children: tuple[Condition, ...] = (),
        ref: str | None = None,
        label: str | None = None,
        pos: Pos = (0, 0),
    ) -> None:
        self.kind, self.children, self.ref, self.label, self.pos = kind, children, ref, label, pos


Condition = Leaf | Branch


class Trace(Record):
    """A condition annotated with its result: True, False or None (unknown). ``test`` is a leaf's
    test in words ("prostitution_response is immunity")."""

    __slots__ = ("label", "result", "kind", "children", "fact", "value", "entry", "test")
    _fields = __slots__

    def __init__(
        self,
        label: str,
        result: bool | None,
        kind: str = "leaf",
        children: list[Trace] | None = None,
        fact: str | None = None,
        value: Any = None,
        entry: Any = None,
        test: str | None = None,
    ) -> None:
        self.label, self.result, self.kind = label, result, kind
        self.children = children if children is not None else []
        self.fact, self.value, self.entry, self.test = fact, value, entry, test

    def leaves(self) -> list[Trace]:
        if self.kind == "leaf":
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


# --------------------------------------------------------------------------------------------
# parsing


def _check_leaf_value(c: Collector, m: YMap, fact: Fact, op: str) -> bool:
    value = m["value"]
    pos = m.value_at("value")
    if op in ("in", "not_in"):
        if not isinstance(value, YList) or not value:
            c.add(pos, f"'{op}' takes a non-empty list of values of {fact.id}, got {describe(value)}")
            return False
        items = list(value)
    else:
        items = [value]
    ok = True
    for item in items:
        if item == UNKNOWN:
            c.add(pos, f"a condition cannot test for '{UNKNOWN}'; unknown facts are handled by three-valued logic")
            ok = False
            continue
        problem = fact.check_value(item)
        if problem:
            c.add(pos, problem)
            ok = False
    return ok


def parse_condition(c: Collector, raw: Any, pos: Pos, vocab: Vocabulary, names: Mapping[str, Any]) -> Condition | None:
    """Parse one condition node, recording problems (unknown fact, wrong type, bad operator)."""
    m = c.mapping(raw, pos, "a condition")
    if m is None:
        return None
    label = m.get("label")
    if "label" in m and not (isinstance(label, str) and label.strip()):
        c.add(m.value_at("label"), f"'label' must be non-empty text, got {describe(label, text_expected=True)}")
        label = None
    branches = [k for k in _BRANCHES if k in m]
    if branches:
        if len(branches) > 1 or any(k in m for k in ("fact", "op", "value")):
            c.add(m.pos, "a condition has exactly one of all, any, not, ref, or is a leaf {fact, op, value}")
            return None
        kind = branches[0]
        c.only_keys(m, (kind, "label"), f"an '{kind}' condition")
        if kind == "ref":
            name = m["ref"]
            if not isinstance(name, str) or name not in names:
                shown = describe(name) if not isinstance(name, str) else f"'{name}'"
                hint = did_you_mean(name, names) if isinstance(name, str) else ""
                c.add(m.value_at("ref"), f"ref {shown} names no condition under 'conditions'{hint}")
                return None
            return Branch("ref", ref=name, label=label, pos=m.pos)
        if kind == "not":
            child = parse_condition(c, m["not"], m.value_at("not"), vocab, names)
            return Branch("not", (child,), label=label, pos=m.pos) if child else None
        items = c.seq(m[kind], m.value_at(kind), f"'{kind}'")
        if items is None:
            return None
        if not items:
            c.add(m.value_at(kind), f"'{kind}' needs at least one condition")
            return None
        children = [parse_condition(c, item, items.at(i), vocab, names) for i, item in enumerate(items)]
        if any(ch is None for ch in children):
            return None
        return Branch(kind, tuple(children), label=label, pos=m.pos)  # type: ignore[arg-type]
    c.only_keys(m, ("fact", "op", "value", "label"), "a condition leaf")
    missing = [k for k in ("fact", "op", "value") if k not in m]
    if missing:
        c.add(
            m.pos, f"a condition leaf needs fact, op and value (missing {', '.join(missing)}), or use all/any/not/ref"
        )
        return None
    fact_id, op = m["fact"], m["op"]
    if not isinstance(fact_id, str) or fact_id not in vocab:
        hint = did_you_mean(fact_id, vocab.ids) if isinstance(fact_id, str) else ""
        c.add(
            m.value_at("fact"),
            f"unknown fact {describe(fact_id) if not isinstance(fact_id, str) else repr(fact_id)}{hint}",
        )
        return None
    fact = vocab[fact_id]
    if not isinstance(op, str) or op not in ALL_OPS:
        hint = did_you_mean(op, ALL_OPS) if isinstance(op, str) else ""
        c.add(m.value_at("op"), f"unknown operator {op!r}{hint}; use one of {', '.join(ALL_OPS)}")
        return None
    if op not in OPS_BY_TYPE[fact.type]:
        c.add(
            m.value_at("op"),
            f"operator '{op}' does not apply to {fact.type} fact {fact_id}; use one of {', '.join(OPS_BY_TYPE[fact.type])}",
        )
        return None
    if not _check_leaf_value(c, m, fact, op):
        return None
    value = list(m["value"]) if op in ("in", "not_in") else m["value"]
    return Leaf(fact_id, op, value, label=label, pos=m.pos)


def find_cycle(named: Mapping[str, Condition]) -> list[str] | None:
    """A chain of named conditions that refers back to itself, or None."""

    def refs(cond: Condition) -> list[str]:
        if isinstance(cond, Leaf):
            return []
        if cond.kind == "ref":
            return [cond.ref]  # type: ignore[list-item]
        return [r for ch in cond.children for r in refs(ch)]

    state: dict[str, int] = {}

    def visit(name: str, chain: list[str]) -> list[str] | None:
        if state.get(name) == 1:
            return chain[chain.index(name) :] + [name]
        if state.get(name) == 2 or name not in named:
            return None
        state[name] = 1
        for r in refs(named[name]):
            found = visit(r, chain + [name])
            if found:
                return found
        state[name] = 2
        return None

    for name in named:
        found = visit(name, [])
        if found:
            return found
    return None


def facts_of(cond: Condition, named: Mapping[str, Condition]) -> set[str]:
    """Every fact a condition reads, through named references."""
    if isinstance(cond, Leaf):
        return {cond.fact}
    if cond.kind == "ref":
        return facts_of(named[cond.ref], named)  # type: ignore[index]
    return set().union(*(facts_of(ch, named) for ch in cond.children))


def leaves_of(cond: Condition, named: Mapping[str, Condition]) -> list[Leaf]:
    if isinstance(cond, Leaf):
        return [cond]
    if cond.kind == "ref":
        return leaves_of(named[cond.ref], named)  # type: ignore[index]
    return [leaf for ch in cond.children for leaf in leaves_of(ch, named)]


# --------------------------------------------------------------------------------------------
# evaluation

if TYPE_CHECKING:
    Lookup = Callable[[str], tuple[Any, Any]]
    """fact id -> (value or UNKNOWN, the timeline entry it came from or None)."""


def _test(leaf: Leaf, fact: Fact, actual: Any) -> bool:
    op, want = leaf.op, leaf.value
    if op == "eq":
        return bool(actual == want)
    if op == "ne":
        return bool(actual != want)
    if op == "in":
        return actual in want
    if op == "not_in":
        return actual not in want
    if op == "at_least":
        return fact.rank(actual) >= fact.rank(want)
    if op == "lt":
        return bool(actual < want)
    if op == "lte":
        return bool(actual <= want)
    if op == "gt":
        return bool(actual > want)
    return bool(actual >= want)  # gte


def evaluate(cond: Condition, lookup: Lookup, vocab: Vocabulary, named: Mapping[str, Condition]) -> Trace:
    """Evaluate a condition to a :class:`Trace` whose ``result`` is True, False or None."""
    if isinstance(cond, Leaf):
        actual, entry = lookup(cond.fact)
        result = None if actual == UNKNOWN else _test(cond, vocab[cond.fact], actual)
        return Trace(cond.label or cond.text, result, "leaf", fact=cond.fact, value=actual, entry=entry, test=cond.text)
    if cond.kind == "ref":
        inner = evaluate(named[cond.ref], lookup, vocab, named)  # type: ignore[index]
        return Trace(cond.label or inner.label or str(cond.ref), inner.result, "ref", [inner])
    children = [evaluate(ch, lookup, vocab, named) for ch in cond.children]
    results = [ch.result for ch in children]
    if cond.kind == "not":
        result = None if results[0] is None else not results[0]
    elif cond.kind == "all":
        result = False if False in results else (None if None in results else True)
    else:
        result = True if True in results else (None if None in results else False)
    return Trace(cond.label or cond.kind, result, cond.kind, children)
