"""The 51 jurisdictions (50 states and DC): USPS codes and names, and name lookup."""

from __future__ import annotations

from .fields import did_you_mean
from .problems import UsageError

NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

_BY_NAME = {name.lower(): code for code, name in NAMES.items()}
_BY_NAME["washington dc"] = "DC"
_BY_NAME["washington, d.c."] = "DC"
_BY_NAME["d.c."] = "DC"


def resolve(text: str) -> str:
    """The USPS code for a code or name in any case (``tx``, ``Texas``, ``new york``).

    Raises :class:`UsageError` with a "did you mean" suggestion when nothing matches.
    """
    key = " ".join(text.split()).lower()
    if len(key.replace(".", "")) == 2:  # "N.Y.", "d.c."
        key = key.replace(".", "")
    if key.upper() in NAMES:
        return key.upper()
    if key in _BY_NAME:
        return _BY_NAME[key]
    choices = list(NAMES) + list(NAMES.values())
    hint = did_you_mean(text.strip().title() if len(key) > 2 else key.upper(), choices)
    raise UsageError(f"unknown state {text!r}{hint}; use a USPS code such as TX or a name such as Texas")
