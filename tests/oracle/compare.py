"""Oracle against app: the first figures that differ, named by report, row and field."""

from __future__ import annotations

import math

TOLERANCE = 1e-6  # float percentages the JSON writes unrounded


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return a == b


def differences(report: str, app, oracle, where: str = "") -> list[str]:
    """Every leaf the oracle states that the app states differently (the app may say more)."""
    out: list[str] = []
    if isinstance(oracle, dict):
        if not isinstance(app, dict):
            return [f"{report} {where}: app {app!r}, oracle {oracle!r}"]
        if where.endswith(".rows"):
            out += [
                f"{report} {where}.{k}: a row the oracle does not have"
                for k in app
                if k not in oracle
            ]
        for key, value in oracle.items():
            if key not in app:
                out.append(f"{report} {where}.{key}: missing in the app, oracle {value!r}")
            else:
                out += differences(report, app[key], value, f"{where}.{key}")
    elif isinstance(oracle, list):
        if not isinstance(app, list) or len(app) != len(oracle):
            n = len(app) if isinstance(app, list) else app
            return [f"{report} {where}: app has {n} rows, oracle {len(oracle)}"]
        for i, (a, o) in enumerate(zip(app, oracle, strict=True)):
            out += differences(report, a, o, f"{where}[{i}]")
    elif not _same(app, oracle):
        out.append(f"{report} {where}: app {app!r}, oracle {oracle!r}")
    return out


def keyed(rows: list[dict], *keys: str) -> dict:
    """Rows by their key fields, so a row compares with its namesake whatever the order."""
    return {" / ".join(str(r[k]) for k in keys): r for r in rows}
