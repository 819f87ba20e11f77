"""The three tables of action plans — items, warnings, milestones — laid out for the screen's
width and filled from plain rows (the screen decides when; these decide how they look), and the
row under the cursor in words."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.widgets import DataTable

from salestui.kernel.format import percent
from salestui.kernel.i18n import N_, _, ngettext
from salestui.kernel.money import format_amount
from salestui.screens.common.plain import PlainDataTable

# Each view's columns: (label, width, least); the columns with width None share what the screen
# has left (each at least its "least"), so 80 columns show every column without scrolling sideways.
COLUMNS: dict[str, tuple[tuple[str, int | None, int], ...]] = {
    "items": (
        (N_("Due"), 10, 0),
        (N_("Item"), None, 18),
        (N_("Owner"), 10, 0),
        (N_("Pri"), 6, 0),
        (N_("Status"), 6, 0),
        (N_("Warning"), 9, 0),
        (N_("Linked to"), 12, 0),
    ),
    "warnings": (
        (N_("Warning"), None, 24),
        (N_("Owner"), 10, 0),
        (N_("Due"), 10, 0),
        (N_("Item"), 9, 0),
        (N_("Why"), None, 12),
    ),
    "approvals": (
        (N_("Deal"), None, 16),
        (N_("Amount"), 11, 0),
        (N_("Owner"), 10, 0),
        (N_("Sign-off"), 8, 0),
        (N_("Asked"), 10, 0),
        (N_("Stage"), 11, 0),
    ),
    "milestones": (
        (N_("Milestone"), None, 18),
        (N_("Dates"), 11, 0),
        (N_("Target"), 11, 0),
        (N_("Won"), 11, 0),
        (N_("Progress"), 8, 0),
        (N_("State"), 9, 0),
    ),
}
STATE_STYLE = {"met": "green", "missed": "red", "behind": "yellow", "on pace": "", "to come": "dim"}
STATE_WORDS = {
    "met": N_("met"),
    "missed": N_("missed"),
    "behind": N_("behind"),
    "on pace": N_("on pace"),
    "to come": N_("to come"),
    "no target": N_("no target"),
}
GROUP_WORDS = {
    "Overdue": N_("Overdue"),
    "Today": N_("Today"),
    "This week": N_("This week"),
    "Later": N_("Later"),
}
LINK_WORD = {
    "opportunity": N_("deal"),
    "customer": N_("customer"),
    "person": N_("person"),
    "region": N_("region"),
}


def link_words(item) -> str:
    if not item.link_type:
        return ""
    word = _(LINK_WORD[item.link_type]) if item.link_type in LINK_WORD else item.link_type
    return _("{what}: {name}").format(what=word, name=item.link_label)


def kind_word(kind: str | None) -> str:
    from salestui.actions.inbox import KIND_LABEL

    return _(KIND_LABEL[kind]) if kind in KIND_LABEL else (kind or "")


def layout(table: DataTable, screen_width: int) -> DataTable:
    """Clear the view and lay its columns out for the screen's width: numbers and dates keep
    their width, the text columns share the rest."""
    specs = COLUMNS[table.id]
    width = max(screen_width, 40) - 2 * len(specs) - 2  # cell padding, scrollbar
    flexible = [least for _label, w, least in specs if not w]
    flex = width - sum(w for _label, w, _least in specs if w)
    table.clear(columns=True)
    shares = _shares(flex, flexible)
    for label, w, _least in specs:
        table.add_column(_(label), width=w if w else shares.pop(0), key=label)
    return table


def _shares(flex: int, leasts: list[int]) -> list[int]:
    """``flex`` cells split evenly among the columns, none under its least."""
    if not leasts:
        return []
    each = flex // len(leasts)
    out = [max(least, each) for least in leasts]
    out[0] += max(0, flex - sum(out))  # the first text column takes the remainder
    return out


def fill_items(table: PlainDataTable, screen_width: int, lines) -> None:
    """Items under their group headings (Overdue, Today, This week, Later)."""
    keep = selected_key(table)
    with table.drawing():  # read again, unchanged: left as drawn
        _draw_items(table, screen_width, lines)
    restore(table, keep)


def _draw_items(table: PlainDataTable, screen_width: int, lines) -> None:
    if not lines:  # one sentence over the whole width: a column would cut it at 80
        table.clear(columns=True)
        table.add_column("", width=max(screen_width - 4, 20), key="none")
        words = _("No open items — n makes one, w shows the warnings, t switches mine / team.")
        table.add_row(Text(words, style="dim"), key="g:none")
        return
    layout(table, screen_width)
    group = None
    for line in lines:
        if line.group != group:
            group = line.group
            count = sum(1 for x in lines if x.group == group)
            style = "bold red" if group == "Overdue" else "bold"
            heading = _("{group} ({n})").format(group=_(GROUP_WORDS.get(group, group)), n=count)
            table.add_row(
                Text("▾", style=style), Text(heading, style=style), "", "", "", "", "",
                key=f"g:{group}",
            )  # fmt: skip
        i = line.item
        warn = {
            "live": Text(_("⚠ live"), style="yellow"),
            "cleared": Text(_("✓ cleared"), style="green"),
        }.get(line.warning, "")
        table.add_row(
            i.due.isoformat(),
            i.title,
            i.owner_name,
            Text(_(i.priority), style="bold" if i.priority == "high" else ""),
            _(i.status),
            warn,
            link_words(i),
            key=f"i:{i.id}",
        )


def fill_warnings(table: PlainDataTable, screen_width: int, rows) -> None:
    """The grouped inbox (``salestui.actions.groups.inbox_lines``): a heading per kind and per
    customer or person with its count, the warnings of the open groups below."""
    keep = selected_key(table)
    with table.drawing():  # read again, unchanged: left as drawn
        _draw_warnings(table, screen_width, rows)
    restore(table, keep)


def _draw_warnings(table: PlainDataTable, screen_width: int, rows) -> None:
    from salestui.actions.inbox import KIND_LABEL

    layout(table, screen_width)
    for line in rows:
        w = line.warning
        if w is None:
            mark = "▸ " if line.folded else "▾ "
            if line.depth == 0:
                n = line.count
                words = ngettext("{kind}: {n} warning", "{kind}: {n} warnings", n)
                words = words.format(kind=_(KIND_LABEL[line.kind]), n=f"{n:,}")
                if line.shown < line.count:
                    words += _(" ({n} listed)").format(n=f"{line.shown:,}")
                table.add_row(Text(mark + words, style="bold"), "", "", "", "", key=line.key)
            else:
                head = Text("  " + mark)
                head.append(line.label)
                head.append(f" ({line.count:,})", style="dim")
                table.add_row(head, "", "", "", "", key=line.key)
            continue
        subject = Text("  " * line.depth)
        subject.append(w.subject)
        table.add_row(
            subject,
            w.owner_name or w.owner_login or "",
            w.due.isoformat(),
            Text(_("✓ has item"), style="green") if w.has_item else Text(_("a: make"), style="dim"),
            w.why,
            key=w.key,
        )
    if not rows:
        table.add_row(Text(_("No live warnings."), style="dim"), "", "", "", "", key="none")


def fill_milestones(table: PlainDataTable, screen_width: int, stones) -> None:
    with table.drawing():  # read again, unchanged: left as drawn
        _draw_milestones(table, screen_width, stones)


def _draw_milestones(table: PlainDataTable, screen_width: int, stones) -> None:
    layout(table, screen_width)
    for s in stones:
        pct = percent(s.progress)
        label = Text(s.label, style="bold" if s.kind != "week" else "")
        last = s.end - timedelta(days=1)
        table.add_row(
            label if s.kind != "week" else Text("  " + s.label),
            f"{s.start:%m-%d}–{last:%m-%d}",
            Text(format_amount(s.target_minor), justify="right"),
            Text(format_amount(s.actual_minor), justify="right"),
            Text(pct, justify="right"),
            Text(_(STATE_WORDS.get(s.state, s.state)), style=STATE_STYLE.get(s.state, "")),
        )


def selected_key(table: DataTable) -> str | None:
    if table.row_count == 0:
        return None
    try:
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:
        return None


def restore(table: DataTable, key: str | None) -> None:
    if key is not None:
        try:
            table.move_cursor(row=table.get_row_index(key), animate=False)
            return
        except Exception:
            pass
    if table.row_count > 1 and table.id == "items":
        table.move_cursor(row=1, animate=False)  # the first item, past its group's heading


def row_words(view: str, key: str | None, lines, inbox) -> str | None:
    """The item or warning under the cursor in full, for the status line (columns crop at 80)."""
    if view == "items" and key and key.startswith("i:"):
        line = next((x for x in lines if x.item.id == int(key[2:])), None)
        if line is None:
            return None
        i = line.item
        parts = [i.title, i.owner_name, _("due {day}").format(day=i.due), _(i.priority),
                 _(i.status)]  # fmt: skip
        if i.link_type:
            parts.append(link_words(i))
        if line.warning:
            parts.append(
                _("warning cleared: close the item")
                if line.warning == "cleared"
                else _("warning live ({kind})").format(kind=kind_word(i.origin))
            )
        return " · ".join(parts)
    if view == "warnings":
        w = next((x for x in inbox if x.key == key), None)
        if w is not None:
            return _("{subject}: {why} → {owner}, due {day}").format(
                subject=w.subject, why=w.why, owner=w.owner_name or w.owner_login, day=w.due
            )
        if key and key[:2] in ("k:", "g:"):
            return _("enter or space opens or folds the group; a makes a warning an item")
    return None
