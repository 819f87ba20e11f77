"""The language a person reads salestui in: English (the words in the code) or Chinese (the
gettext catalogues under ``salestui/locale``, which a translator edits as ``.po`` files).

Strings are marked ``_("…")`` where they are shown and ``N_("…")`` where they are defined before
the language is known (a binding's description, a column heading kept in a constant): those are
translated with ``_()`` at the moment they are drawn. The language is chosen once per process,
in this order: ``--lang``, ``SALESTUI_LANG``, the team's setting ``ui.language``, the locale
(``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` = ``zh_CN.UTF-8`` → Chinese), else English.

Machine keys (stage words stored in the database, JSON and CSV keys) never go through here:
a report's data is the same whatever the language; only its headings and words for people change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

EN, ZH = "en", "zh"
LANGUAGES: tuple[str, ...] = (EN, ZH)
ENV_LANG = "SALESTUI_LANG"
SETTING = "ui.language"
# What --lang and the setting take: the language, or a locale naming it.
_ALIASES = {"en": EN, "english": EN, "zh": ZH, "cn": ZH, "chinese": ZH, "中文": ZH}

_language = EN
_catalogue: dict[str, str] | None = None
_plural_catalogue: dict[tuple[str, int], str] = {}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Marks ``message`` for the catalogue where it is defined; ``_()`` translates it when shown."""
    return message


def read_language(text: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans``, ``en_US`` … → ``zh`` / ``en``; None when it names
    neither (``C``, ``POSIX``, ``fr_FR``, empty)."""
    if not text:
        return None
    word = text.strip().lower()
    if word in _ALIASES:
        return _ALIASES[word]
    head = word.replace("-", "_").split(".")[0].split("_")[0].split("@")[0]
    return _ALIASES.get(head) if head in (EN, ZH) else None


def language_from(
    flag: str | None = None,
    setting: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language by the order in the module's docstring."""
    env = os.environ if environ is None else environ
    for given in (flag, env.get(ENV_LANG), setting):
        if (lang := read_language(given)) is not None:
            return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            # The first locale variable that is set decides, as the C library's lookup does.
            return read_language(env[name]) or EN
    return EN


def refusal(text: str) -> str | None:
    """Why ``text`` is not a language salestui has, or None."""
    if read_language(text) is None:
        return f"unknown language {text!r}: use en or zh"
    return None


def _load(language: str) -> dict[str, str]:
    """Every catalogue of ``language`` (one ``.mo`` per feature, so translators and branches do
    not meet in one file), merged into one table."""
    import gettext  # here: English, the start of most sessions, never pays for it

    table: dict[str, str] = {}
    plural: dict[tuple[str, int], str] = {}
    # The package sits unpacked on disk (a wheel installs it so): a plain path, since
    # importlib.resources costs 20 ms of imports on the first frame.
    folder = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale", language)
    folder = os.path.join(folder, "LC_MESSAGES")
    if not os.path.isdir(folder):
        return table
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".mo"):
            continue
        with open(os.path.join(folder, name), "rb") as fp:
            found = gettext.GNUTranslations(fp)
        for key, value in found._catalog.items():  # noqa: SLF001 - the parsed table
            if isinstance(key, tuple):
                plural[key] = value
            elif key:
                table[key] = value
    _plural_catalogue.clear()
    _plural_catalogue.update(plural)
    return table


def set_language(language: str) -> None:
    """Every string shown from now on is in ``language`` (``en`` or ``zh``)."""
    global _language, _catalogue
    lang = read_language(language) or EN
    _language = lang
    _catalogue = None if lang == EN else _load(lang)


def language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` in the person's language (itself in English, or where the catalogue has none:
    the completeness test in tests/kernel/test_catalogues.py keeps that from being shipped)."""
    if _catalogue is None or not message:
        return message
    return _catalogue.get(message) or message


def ngettext(singular: str, plural: str, n: int) -> str:
    """``"{n} deal"`` / ``"{n} deals"`` by ``n``; Chinese has one form."""
    if _catalogue is None:
        return singular if n == 1 else plural
    found = _plural_catalogue.get((singular, 0))
    return found or (singular if n == 1 else plural)


def translated(message: str) -> bool:
    """Whether ``message`` reads in the person's language (always in English)."""
    return _catalogue is None or bool(_catalogue.get(message))
