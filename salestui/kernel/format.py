"""How a percentage or a plain figure is shown, so the same figure reads the same on every
screen, report and chart. Money is ``salestui.kernel.money``; dates ``salestui.kernel.dates``.

A figure comes in as a fraction (0.125) or in percentage points (12.5) — say which; a missing
one (None, or NaN from pandas) shows as ``missing``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"


def rounded(value: float, decimals: int = 0, *, times: int = 1) -> float:
    """``value`` to ``decimals`` places, half away from zero on the number as written (12.5 →
    13, 2.675 → 2.68, -0.5 → -1): the one rounding of every figure shown that is not money
    (money is rounded half up in integers, ``salestui.kernel.money``). Python's ``round`` and
    ``f"{x:.0f}"`` round half to even on the binary value, so 12.5 % would read 12 % there.
    ``times`` scales the number as written first (a fraction 1.2125 is 121.25 %, where the float
    product 100 × 1.2125 is 121.24999…)."""
    step = Decimal(1).scaleb(-decimals)
    exact = Decimal(repr(float(value))) * times
    return float(exact.quantize(step, rounding=ROUND_HALF_UP))


def is_missing(value) -> bool:
    """None, or NaN (pandas' missing number: the one value not equal to itself)."""
    return value is None or value != value


def number(
    value: float | None,
    *,
    decimals: int = 0,
    signed: bool = False,
    unit: str = "",
    missing: str | None = MISSING,
    grouped: bool = False,
) -> str | None:
    """``12.34`` → ``'12'``; ``decimals=1`` → ``'12.3'``; ``signed`` → ``'+12'``; ``unit`` after
    it; ``grouped`` → ``'1,234'``. Rounded by :func:`rounded`."""
    if is_missing(value):
        return missing
    value = rounded(value, decimals) + 0.0  # no "-0"
    return (
        f"{value:{'+' if signed else ''},.{decimals}f}{unit}"
        if grouped
        else (f"{value:{'+' if signed else ''}.{decimals}f}{unit}")
    )


def numbers(values, *, decimals: int = 0, missing: str | None = MISSING) -> list[str | None]:
    """:func:`number` of each value of a column (unsigned, no unit), the same text: rounded on
    whole arrays where no half is near, by :func:`number` itself where one is (or the value is
    too large for a float's cents)."""
    import numpy as np

    column = np.asarray(list(values), dtype="float64")
    scale = 10.0**decimals
    scaled = np.abs(column) * scale
    nearest = np.floor(scaled + 0.5)
    plain = np.isfinite(column) & (scaled < 1e12) & (np.abs(scaled - np.floor(scaled) - 0.5) > 1e-6)
    shown = (np.sign(column) * nearest / scale) + 0.0  # no "-0"
    out: list[str | None] = []
    for value, fast, ok in zip(column.tolist(), plain.tolist(), shown.tolist(), strict=True):
        if value != value:
            out.append(missing)
        elif fast:
            out.append(f"{ok + 0.0:.{decimals}f}")
        else:
            out.append(number(value, decimals=decimals, missing=missing))
    return out


def percent(
    value: float | None,
    *,
    points: bool = False,
    decimals: int = 0,
    signed: bool = False,
    unit: str = "%",
    missing: str | None = MISSING,
) -> str | None:
    """A fraction as a percentage: ``0.125`` → ``'12%'`` (``points=True``: ``12.5`` in, the same
    out); ``decimals``, ``signed`` (``'+12%'``, ``'-3%'``) and ``unit`` as :func:`number`."""
    if not points and not is_missing(value):
        value = float(Decimal(repr(float(value))) * 100)  # as written: 1.2125 is 121.25
    return number(value, decimals=decimals, signed=signed, unit=unit, missing=missing)


def to_points(
    fraction: float | None, decimals: int = 1, missing: float | None = None
) -> float | None:
    """A fraction as percentage points, rounded, for a report's numbers and a chart's values:
    ``0.1234`` → ``12.3``."""
    return missing if is_missing(fraction) else rounded(fraction, decimals, times=100)


def points_of(part: float, whole: float) -> float | None:
    """``part`` in percentage points of ``whole`` (1 of 8 → 12.5); None when ``whole`` is 0."""
    return 100.0 * part / whole if whole else None


# C0 controls but tab, newline and carriage return, DEL, C1 controls: a terminal acts on them
# (ESC starts a sequence that can recolour, retitle or write the clipboard), so text from data
# never carries one to the screen. Each shows as U+FFFD.
_CONTROLS = {
    c: "\ufffd" for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
}
CONTROL_PATTERN = "[" + "".join(f"\\x{c:02x}" for c in _CONTROLS) + "]"


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as ``�``."""
    return text.translate(_CONTROLS)


def control_character_refusal(text: str) -> str | None:
    """Why ``text`` cannot be stored (the importer's reason for a cell, a form's for a field), or
    None: shown on a teammate's screen a control character would act on their terminal."""
    found = control_character(text)
    return None if found is None else f"contains a control character ({found}): remove it"


def control_character(text: str) -> str | None:
    """The first character of ``text`` a terminal would act on, named (``U+001B``), or None."""
    for ch in text:
        if ord(ch) in _CONTROLS:
            return f"U+{ord(ch):04X}"
    return None
