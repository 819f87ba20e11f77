"""The app's side: a report as JSON, through ``salestui.main`` with the clock pinned."""

from __future__ import annotations

import json
from datetime import datetime

import pytest


def report_json(path: str, now: datetime, tmp_path, *args: str) -> dict:
    import salestui.cli
    import salestui.cli.options

    out = tmp_path / f"{'_'.join(a.strip('-') for a in args)}.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(salestui.cli.options, "now", lambda: now)
        mp.delenv("SALESTUI_DB", raising=False)
        try:
            salestui.cli.main(
                ["--db", path, "report", *args, "--format", "json", "--out", str(out)]
            )
        except SystemExit as exc:
            assert not exc.code, f"salestui report {' '.join(args)} exited {exc.code}"
    return json.loads(out.read_text())
