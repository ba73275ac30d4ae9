"""safeharbor: grade US state Safe Harbor law for sex-trafficked children and youth.

The library API, usable without the CLI::

    from safeharbor_cli import load_dataset, run_check
    data = load_dataset()                       # vocabulary, rubric, every state file
    result = data.grade("TX", datetime.date(2020, 12, 31))
    result.total, result.grade_label, [c.points for c in result.criteria]

Modules load lazily so that importing the package stays cheap.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any


__version__ = "0.2.0"
__all__ = ["load_dataset", "run_check", "grade_facts", "audit", "DataError", "UsageError", "__version__"]

_LAZY = {
    "load_dataset": ("dataset", "load_dataset"),
    "run_check": ("check", "run_check"),
    "grade_facts": ("engine", "grade_facts"),
    "audit": ("audit", "audit"),
    "DataError": ("problems", "DataError"),
    "UsageError": ("problems", "UsageError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(__all__)
