"""The three tables of action plans — items, warnings, milestones — laid out for the screen's
width and filled from plain rows (the screen decides when; these decide how they look), and the
row under the cursor in words."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.widgets import DataTable

from salestui.kernel.format import percent
from salestui.kernel.money import format_amount

# Each view's columns: (label, width); the one with width None takes what the screen has left
# (at least the number after it), so 80 columns show every column without scrolling sideways.
COLUMNS: dict[str, tuple[tuple[str, int | None, int], ...]] = {
    "items": (
        ("Due", 10, 0),
        ("Item", None, 18),
        ("Owner", 10, 0),
        ("Pri", 6, 0),
        ("Status", 6, 0),
        ("Warning", 9, 0),
        ("Linked to", 12, 0),
    ),
    "warnings": (
        ("Kind", 9, 0),
        ("About", 16, 0),
        ("Owner", 10, 0),
        ("Due", 10, 0),
        ("Item", 10, 0),
        ("Why", None, 8),
    ),
    "approvals": (
        ("Deal", None, 16),
        ("Amount", 11, 0),
        ("Owner", 10, 0),
        ("Sign-off", 8, 0),
        ("Asked", 10, 0),
        ("Stage", 11, 0),
    ),
    "milestones": (
        ("Milestone", None, 18),
        ("Dates", 11, 0),
        ("Target", 11, 0),
        ("Won", 11, 0),
        ("Progress", 8, 0),
        ("State", 9, 0),
    ),
}
STATE_STYLE = {"met": "green", "missed": "red", "behind": "yellow", "on pace": "", "to come": "dim"}


LINK_WORD = {"opportunity": "deal", "customer": "customer", "person": "person", "region": "region"}


def link_words(item) -> str:
    if not item.link_type:
        return ""
    return f"{LINK_WORD.get(item.link_type, item.link_type)}: {item.link_label}"


def layout(table: DataTable, screen_width: int) -> DataTable:
    """Clear the view and lay its columns out for the screen's width."""
    specs = COLUMNS[table.id]
    width = max(screen_width, 40) - 2 * len(specs) - 2  # cell padding, scrollbar
    flex = width - sum(w for _, w, _ in specs if w)
    table.clear(columns=True)
    for label, w, least in specs:
        table.add_column(label, width=w if w else max(least, flex), key=label)
    return table


def fill_items(table: DataTable, screen_width: int, lines) -> None:
    """Items under their group headings (Overdue, Today, This week, Later)."""
    keep = selected_key(table)
    layout(table, screen_width)
    group = None
    for line in lines:
        if line.group != group:
            group = line.group
            count = sum(1 for x in lines if x.group == group)
            style = "bold red" if group == "Overdue" else "bold"
            table.add_row(
                Text("▾", style=style),
                Text(f"{group} ({count})", style=style),
                "",
                "",
                "",
                "",
                "",
                key=f"g:{group}",
            )
        i = line.item
        warn = {
            "live": Text("⚠ live", style="yellow"),
            "cleared": Text("✓ cleared", style="green"),
        }.get(line.warning, "")
        table.add_row(
            i.due.isoformat(),
            i.title,
            i.owner_name,
            Text(i.priority, style="bold" if i.priority == "high" else ""),
            i.status,
            warn,
            link_words(i),
            key=f"i:{i.id}",
        )
    if not lines:
        table.add_row(
            "",
            Text("No open items. n creates one; w shows the warnings.", style="dim"),
            "",
            "",
            "",
            "",
            "",
            key="g:none",
        )
    restore(table, keep)


def fill_warnings(table: DataTable, screen_width: int, inbox) -> None:
    from salestui.actions.inbox import KIND_LABEL

    keep = selected_key(table)
    layout(table, screen_width)
    for w in inbox:
        table.add_row(
            KIND_LABEL[w.kind],
            w.subject,
            w.owner_login or "",
            w.due.isoformat(),
            Text("✓ has item", style="green") if w.has_item else Text("a: make", style="dim"),
            w.why,
            key=w.key,
        )
    if not inbox:
        table.add_row("", Text("No live warnings.", style="dim"), "", "", "", "", key="none")
    restore(table, keep)


def fill_milestones(table: DataTable, screen_width: int, stones) -> None:
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
            Text(s.state, style=STATE_STYLE.get(s.state, "")),
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
        parts = [i.title, f"{i.owner_name}", f"due {i.due}", i.priority, i.status]
        if i.link_type:
            parts.append(link_words(i))
        if line.warning:
            parts.append(
                "warning cleared: close the item"
                if line.warning == "cleared"
                else f"warning live ({i.origin})"
            )
        return " · ".join(parts)
    if view == "warnings":
        w = next((x for x in inbox if x.key == key), None)
        if w is not None:
            return f"{w.subject}: {w.why} → {w.owner_login}, due {w.due}"
    return None
