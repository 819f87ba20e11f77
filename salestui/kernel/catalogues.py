"""The translation catalogues, kept up to date from the code with Babel.

``uv run python -m salestui.kernel.catalogues`` finds every ``_("…")``, ``N_("…")`` and
``ngettext`` in the code, adds new strings to the ``.po`` file of their feature (with an empty
translation for the translator), drops strings no longer in the code, and compiles each ``.po``
to the ``.mo`` the app reads. It prints how many strings each catalogue still lacks;
``tests/kernel/test_catalogues.py`` fails while any does, or while a ``.mo`` differs from its
``.po``. ``… catalogues --fill zh FILE.json`` first writes the translations of a JSON object
(English → Chinese) into whichever catalogue holds each string.

One catalogue per feature (board.po, customers.po …), named by the folder a string is in, so
that two people translating two screens never edit the same file.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("salestui", "screens", "db")
LOCALE = ROOT / "salestui" / "locale"
TARGETS = ("zh",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# A folder under salestui/ or screens/ that is a feature has a catalogue of its own; the rest
# (kernel, runtime, the app's frame, db) share "common".
FEATURES = (
    "board",
    "customers",
    "leads",
    "team",
    "actions",
    "review",
    "forecast",
    "audit",
    "cli",
    "services",
    "transfer",
)


def domain_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    if len(parts) > 2 and parts[0] in ("salestui", "screens") and parts[1] in FEATURES:
        return parts[1]
    return "common"


def _python_files() -> Iterator[Path]:
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts or path.name == "catalogues.py":
                continue
            yield path


def extracted() -> dict[str, dict[object, list[tuple[str, int]]]]:
    """domain → message id (a string, or a (singular, plural) pair) → where it is used."""
    found: dict[str, dict[object, list[tuple[str, int]]]] = {}
    for path in _python_files():
        where = str(path.relative_to(ROOT))
        for lineno, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            key = message if isinstance(message, str) else tuple(message)
            found.setdefault(domain_of(path), {}).setdefault(key, []).append((where, lineno))
    return found


def po_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    if path.exists():
        with path.open("rb") as fp:
            return read_po(fp, locale=language)
    return Catalog(locale=language, domain=path.stem, project="salestui", fuzzy=False)


def known_translations(language: str) -> dict[object, object]:
    """Every translation in every catalogue of ``language``: a string that moves from one
    feature's folder to another keeps its translation."""
    known: dict[object, object] = {}
    folder = LOCALE / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.exists() else ():
        for message in read_catalogue(path, language):
            if (
                message.id
                and message.string
                and (not isinstance(message.string, tuple) or all(message.string))
            ):
                known.setdefault(message.id, message.string)
    return known


def missing(catalogue: Catalog) -> list[object]:
    """The message ids with no translation."""
    out = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            out.append(message.id)
    return out


def update(language: str) -> dict[str, int]:
    """Brings every catalogue of ``language`` up to date with the code; domain → untranslated."""
    known = known_translations(language)
    folder = LOCALE / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    report: dict[str, int] = {}
    found = extracted()
    for stale in folder.glob("*.po"):
        if stale.stem not in found:
            stale.unlink()
            stale.with_suffix(".mo").unlink(missing_ok=True)
    for domain, messages in sorted(found.items()):
        path = po_path(language, domain)
        old = read_catalogue(path, language)
        fresh = Catalog(
            locale=language,
            domain=domain,
            project="salestui",
            version="0.1.0",
            msgid_bugs_address="",
            last_translator="salestui translators",
            language_team=language,
            fuzzy=False,
        )
        fresh.header_comment = (
            f"# salestui: {domain} in {language}. Edit the translations (msgstr); "
            "run `uv run python -m salestui.kernel.catalogues` after."
        )
        for key, places in sorted(messages.items(), key=lambda kv: str(kv[0])):
            kept = old.get(key if isinstance(key, str) else key[0])
            string = kept.string if kept is not None and kept.string else known.get(key)
            if string is None:
                string = ("",) if isinstance(key, tuple) else ""
            fresh.add(key, string, locations=sorted(set(places))[:5])
        buffer = io.BytesIO()
        write_po(buffer, fresh, width=100, omit_header=False, sort_output=True)
        text = buffer.getvalue()
        text = b"\n".join(
            line
            for line in text.split(b"\n")
            if not line.startswith(b'"POT-Creation') and not line.startswith(b'"PO-Revision')
        )
        path.write_bytes(text)
        compile_po(path, language)
        report[domain] = len(missing(fresh))
    return report


def compiled(path: Path, language: str) -> bytes:
    """The ``.mo`` of the ``.po`` at ``path``, the same bytes on every run (no dates in it), so
    a branch that did not change a catalogue does not change its ``.mo`` either."""
    from datetime import UTC, datetime

    catalogue = read_catalogue(path, language)
    catalogue.creation_date = catalogue.revision_date = datetime(2026, 1, 1, tzinfo=UTC)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def compile_po(path: Path, language: str) -> None:
    path.with_suffix(".mo").write_bytes(compiled(path, language))


def fill(language: str, given: dict[str, str]) -> int:
    """Writes the translations of ``given`` (message id → translation; a plural's id is its
    singular, its translation one string in a language of one form) into whichever catalogue
    holds each id; returns how many it placed."""
    placed = 0
    for path in sorted((LOCALE / language / "LC_MESSAGES").glob("*.po")):
        catalogue = read_catalogue(path, language)
        changed = False
        for message in catalogue:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key and key in given:
                message.string = (given[key],) if isinstance(message.id, tuple) else given[key]
                changed = True
                placed += 1
        if changed:
            buffer = io.BytesIO()
            write_po(buffer, catalogue, width=100, sort_output=True)
            path.write_bytes(_without_dates(buffer.getvalue()))
    return placed


def _without_dates(text: bytes) -> bytes:
    """A catalogue without the creation and revision dates, which would change on every run."""
    dated = (b'"POT-Creation', b'"PO-Revision')
    return b"\n".join(line for line in text.split(b"\n") if not line.startswith(dated))


def main() -> int:
    import json

    if len(sys.argv) == 4 and sys.argv[1] == "--fill":
        given = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        print(f"placed {fill(sys.argv[2], given)} translations")
    untranslated = 0
    for language in TARGETS:
        for domain, count in update(language).items():
            untranslated += count
            print(f"{language}/{domain}.po: {count} without a translation")
    return 1 if untranslated else 0


if __name__ == "__main__":
    sys.exit(main())
