"""The Chinese catalogues are complete and current: a string shown with ``_()`` / ``N_()`` and no
translation fails here, as does a ``.po`` that misses a string of the code or a ``.mo`` that
was not compiled from its ``.po``."""

from __future__ import annotations

import gettext
import io
import re
import string

import pytest
from babel.messages.catalog import Catalog

from salestui.kernel import catalogues

LANG = "zh"


@pytest.fixture(scope="module")
def in_code():
    return catalogues.extracted()


def _catalogue(domain: str):
    return catalogues.read_catalogue(catalogues.po_path(LANG, domain), LANG)


def test_every_string_of_the_code_is_in_its_catalogue(in_code):
    absent = []
    for domain, messages in in_code.items():
        held = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(domain) if m.id}
        absent += [
            f"{domain}: {key!r} ({places[0][0]}:{places[0][1]})"
            for key, places in messages.items()
            if (key if isinstance(key, str) else key[0]) not in held
        ]
    assert not absent, (
        "strings not in the catalogues (run `uv run python -m salestui.kernel.catalogues`):\n"
        + "\n".join(absent[:40])
    )


def test_every_string_has_a_translation(in_code):
    lacking = [f"{d}: {m!r}" for d in in_code for m in catalogues.missing(_catalogue(d))]
    assert not lacking, "strings without a Chinese translation:\n" + "\n".join(lacking[:60])


def test_missing_finds_an_untranslated_string():
    catalogue = Catalog(locale=LANG)
    catalogue.add("Board", "看板")
    catalogue.add("Customers", "")
    catalogue.add(("{n} deal", "{n} deals"), ("",))
    assert catalogues.missing(catalogue) == ["Customers", ("{n} deal", "{n} deals")]


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_translations_keep_every_placeholder(in_code):
    wrong = []
    for domain in in_code:
        for message in _catalogue(domain):
            if not message.id or not message.string:
                continue
            source = message.id[0] if isinstance(message.id, tuple) else message.id
            targets = message.string if isinstance(message.string, tuple) else (message.string,)
            for target in targets:
                try:
                    if _fields(source) != _fields(target):
                        wrong.append(f"{source!r} → {target!r}")
                except ValueError as exc:
                    wrong.append(f"{source!r} → {target!r}: {exc}")
                if re.findall(r"%\(?\w*\)?[sd]", source) != re.findall(r"%\(?\w*\)?[sd]", target):
                    wrong.append(f"{source!r} → {target!r}: % fields differ")
    assert not wrong, "\n".join(wrong)


def test_each_mo_is_compiled_from_its_po(in_code):
    for domain in in_code:
        po = catalogues.po_path(LANG, domain)
        fresh = io.BytesIO(catalogues.compiled(po, LANG))
        expected = gettext.GNUTranslations(fresh)._catalog
        with po.with_suffix(".mo").open("rb") as fp:
            shipped = gettext.GNUTranslations(fp)._catalog
        assert shipped == expected, (
            f"{po.with_suffix('.mo').name} is stale: run the catalogues tool"
        )


# what Rich reads as a style tag: "[b]", "[/]", "[#fff]", "[@click]" ("[必填]" is not one)
_MARKUP = re.compile(r"\[[a-z#/@][^\]]*\]")


def test_a_translation_brings_no_markup_of_its_own(in_code):
    """Screens show translated words where markup is read (a ``Static`` of ``_("…")``): a
    bracket the English does not have (``[x]``, ``[b]``) would be taken as a style, or fail."""
    wrong = []
    for domain in in_code:
        for message in _catalogue(domain):
            if not message.id or not message.string:
                continue
            source = message.id[0] if isinstance(message.id, tuple) else message.id
            targets = message.string if isinstance(message.string, tuple) else (message.string,)
            for target in targets:
                if not set(_MARKUP.findall(target)) <= set(_MARKUP.findall(source)):
                    wrong.append(f"{source!r} → {target!r}")
    assert not wrong, "\n".join(wrong)
