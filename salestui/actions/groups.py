"""The warnings inbox in groups: by kind of warning, then by whose it is — the customer for
overdue invoices and complaints (one customer often has several), the owner for the rest (a
deal, a lead or a customer in someone's hands) — each group with its count, folded until opened,
so a manager reads a page of headings rather than hundreds of rows."""

from __future__ import annotations

from dataclasses import dataclass

from salestui.actions.inbox import InboxWarning

KIND_ORDER = ("sla", "complaint", "overdue", "stalled", "health", "churn")
BY_CUSTOMER = frozenset({"overdue", "complaint"})


@dataclass(frozen=True)
class InboxLine:
    """One row of the grouped inbox: a kind's heading, a group's heading, or a warning."""

    key: str
    depth: int  # 0 kind, 1 group, 2 a warning (1 when its group holds only it)
    kind: str
    label: str = ""  # the group's customer or person
    count: int = 0  # warnings in the kind (its total, beyond those listed) or in the group
    shown: int = 0  # of those, listed here (the inbox lists at most a limit per kind)
    folded: bool = False
    warning: InboxWarning | None = None


def group_label(w: InboxWarning) -> str:
    return w.subject if w.kind in BY_CUSTOMER else (w.owner_name or w.owner_login or "")


def kind_key(kind: str) -> str:
    return f"k:{kind}"


def group_key(kind: str, label: str) -> str:
    return f"g:{kind}:{label}"


def inbox_lines(
    inbox: list[InboxWarning], totals: dict[str, int], toggled: set[str]
) -> list[InboxLine]:
    """The rows to show, top to bottom: kinds in ``KIND_ORDER``, groups by most warnings then
    name, warnings as the inbox ordered them (most urgent first).

    At first every kind is open and every group folded — the first look is one heading per
    person or customer; ``toggled`` holds the keys of the headings a person opened or folded."""
    by_kind: dict[str, dict[str, list[InboxWarning]]] = {}
    for w in inbox:
        by_kind.setdefault(w.kind, {}).setdefault(group_label(w), []).append(w)
    out: list[InboxLine] = []
    for kind in sorted(by_kind, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
        groups = by_kind[kind]
        shown = sum(len(ws) for ws in groups.values())
        kkey = kind_key(kind)
        closed = kkey in toggled
        count = max(totals.get(kind, 0), shown)
        out.append(InboxLine(kkey, 0, kind, count=count, shown=shown, folded=closed))
        if closed:
            continue
        for label, ws in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if len(ws) == 1:
                out.append(InboxLine(ws[0].key, 1, kind, label, warning=ws[0]))
                continue
            gkey = group_key(kind, label)
            gclosed = gkey not in toggled
            out.append(InboxLine(gkey, 1, kind, label, len(ws), len(ws), gclosed))
            if not gclosed:
                out += [InboxLine(w.key, 2, kind, label, warning=w) for w in ws]
    return out
