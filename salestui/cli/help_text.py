"""``--help`` in the person's language.

Typer reads each command's help when the command tree is built, and ``--help`` is answered while
the arguments are parsed, before any callback runs: so the language is read from the arguments
first (``--lang``, else ``$SALESTUI_LANG`` or the locale; a team's ``ui.language`` needs the
database, which ``--help`` never opens), and the built tree's help strings — all marked ``N_`` —
are translated in place. Typer's own words (Usage, Options, default) go through a formatter.
"""

from __future__ import annotations

import re

from salestui.kernel.i18n import N_, ZH, _, language, language_from, set_language

_WORDS = {
    "Usage: ": N_("Usage: "),
    "Options": N_("Options"),
    "Commands": N_("Commands"),
    "Arguments": N_("Arguments"),
    "Show this message and exit.": N_("Show this message and exit."),
}
_BRACKETS = (("[default: ", N_("[default: ")), ("[required]", N_("[required]")))


def flag_language(argv: list[str]) -> str | None:
    """The value of the last ``--lang X`` / ``--lang=X`` before a ``--``."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def choose_language(argv: list[str]) -> None:
    set_language(language_from(flag_language(argv)))


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells: Click counts a CJK character as one
    cell and breaks only at spaces, so Chinese help would run past the edge."""
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        tokens = re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(paragraph.split()))
        line = ""
        for token in tokens:
            if cell_len(line) + cell_len(token) > width and line.strip():
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        lines.append(line.rstrip())
        lines.append("")
    return lines[:-1]


def _short(text: str, limit: int = 40) -> str:
    """A command's line in a listing: its first sentence, cut to ``limit`` cells."""
    from rich.text import Text

    first = re.split(r"(?<=[。；])", " ".join(text.split()), maxsplit=1)[0].rstrip("。；")
    cut = Text(first)
    cut.truncate(limit, overflow="ellipsis")
    return cut.plain


def _formatter_class(base):
    class Translated(base):
        def write_usage(self, prog, args="", prefix=None):
            super().write_usage(prog, args, _(_WORDS["Usage: "]) if prefix is None else prefix)

        def write_heading(self, heading):
            colon = "：" if language() == ZH else ":"
            self.write(f"{'':>{self.current_indent}}{_(_WORDS.get(heading, heading))}{colon}\n")

        def write_text(self, text):
            if language() != ZH:
                return super().write_text(text)
            indent = " " * self.current_indent
            for line in wrap_cells(text, self.width - self.current_indent):
                self.write(f"{indent}{line}\n" if line else "\n")

        def write_dl(self, rows, col_max=30, col_spacing=2):
            said = []
            for first, second in rows:
                second = _(_WORDS[second]) if second in _WORDS else second
                for english, marked in _BRACKETS:
                    second = second.replace(english, _(marked))
                said.append((first, second))
            if language() != ZH:
                return super().write_dl(said, col_max, col_spacing)
            from rich.cells import cell_len

            first_col = min(max((cell_len(f) for f, _s in said), default=0), col_max)
            first_col += col_spacing
            for first, second in said:
                self.write(f"{'':>{self.current_indent}}{first}")
                if not second:
                    self.write("\n")
                    continue
                if cell_len(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - cell_len(first)))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                room = max(self.width - first_col - self.current_indent - 2, 10)
                lines = wrap_cells(second, room) or [""]
                self.write(f"{lines[0]}\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    return Translated


def translate(command) -> None:
    """Every help string under ``command`` (a built Click command) in the current language."""
    base = command.context_class
    if not getattr(base, "_salestui_translated", False):
        command.context_class = type(
            "TranslatedContext",
            (base,),
            {
                "formatter_class": _formatter_class(base.formatter_class),
                "_salestui_translated": True,
            },
        )
    for attr in ("help", "short_help"):
        if getattr(command, attr, None):
            setattr(command, attr, _(getattr(command, attr)))
    if language() == ZH and command.help and not command.short_help:
        command.short_help = _short(command.help)
    for param in getattr(command, "params", ()):
        if getattr(param, "help", None):
            param.help = _(_WORDS.get(param.help, param.help))
    for sub in getattr(command, "commands", {}).values():
        translate(sub)


# Typer's own usage errors (its Click is vendored, its words f-strings): the common ones, read
# back and said in the person's language; any other stays as Typer wrote it.
_USAGE = (
    (re.compile(r"^No such option: (\S+)(?: \(Possible options: (.+)\))?$"), "option"),
    (re.compile(r"^No such command '(.+?)'\.(?: Did you mean '(.+)'\?)?$"), "command"),
    (re.compile(r"^Missing (argument|option|parameter) '(.+)'\.$"), "missing"),
    (re.compile(r"^Got unexpected extra argument\(s\) \((.+)\)$"), "extra"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "needs"),
    (re.compile(r"^Invalid value for (.+?): Input should be a valid (\w+)\b.*$"), "value"),
)


def usage_words(message: str) -> str:
    """A usage error of Typer's in the person's language (English: as it is)."""
    if language() != ZH:
        return message
    for pattern, kind in _USAGE:
        found = pattern.match(message)
        if found is None:
            continue
        if kind == "option":
            said = _("no such option: {name}").format(name=found[1])
            if found[2]:
                said += _(" (options like it: {names})").format(names=found[2])
            return said
        if kind == "command":
            said = _("no such command: {name}").format(name=found[1])
            if found[2]:
                said += _("; did you mean {name}?").format(name=found[2])
            return said
        if kind == "missing":
            what = {"argument": _("argument"), "option": _("option")}.get(found[1], _("value"))
            return _("missing {what} {name}").format(what=what, name=found[2])
        if kind == "extra":
            return _("unexpected extra arguments: {args}").format(args=found[1])
        if kind == "needs":
            return _("option {name} needs a value").format(name=found[1])
        return _("{hint} must be a {kind}").format(hint=found[1], kind=_(found[2]))
    return message


# The value types Typer names in its refusals.
_TYPES = (N_("integer"), N_("number"))
