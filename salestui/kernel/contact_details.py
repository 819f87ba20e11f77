"""What a phone number and an email address may look like, for every door (the contact form, the
command line, an import, a lead): one reader each, returning the tidied text or a refusal.

An email is ``local@domain.tld``: no spaces, one ``@``, a dot in the domain, nothing a mail
program would choke on. A phone is digits with the usual separators (``+86 138-0013-8000``,
``(010) 6552 9988``, ``021.5555.0101``), optionally an extension (``ext 12``, ``x12``, ``转12``),
5 to 20 digits in all; letters are refused (a number typed into the wrong field, a note).
"""

from __future__ import annotations

import re

_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_PHONE = re.compile(r"\+?[0-9 ()./-]+?(\s*(ext\.?|x|转|分机)\s*[0-9]{1,6})?", re.IGNORECASE)
MIN_DIGITS, MAX_DIGITS = 5, 20
MAX_EMAIL = 254
MAX_NAME = 100
MAX_TITLE = 100


def email_problem(text: str) -> str | None:
    """Why ``text`` (already stripped, not empty) is not an email address, or None."""
    if len(text) > MAX_EMAIL:
        return f"the email is longer than {MAX_EMAIL} characters"
    if not _EMAIL.fullmatch(text) or ".." in text or text.split("@")[0].startswith("."):
        return f"{text!r} is not an email address (like name@example.com)"
    return None


def phone_problem(text: str) -> str | None:
    """Why ``text`` (already stripped, not empty) is not a phone number, or None."""
    digits = sum(ch.isascii() and ch.isdigit() for ch in text)
    if not _PHONE.fullmatch(text) or not MIN_DIGITS <= digits <= MAX_DIGITS:
        return (
            f"{text!r} is not a phone number ({MIN_DIGITS}–{MAX_DIGITS} digits with + ( ) - . "
            "or spaces, like +86 138 0013 8000)"
        )
    return None


def tidy(text: object) -> str:
    """The text with runs of white space made one space, ends stripped."""
    return " ".join(str(text or "").split())


def contact_problem(values: dict[str, str]) -> tuple[str, str] | None:
    """The first field of a contact's tidied values that is wrong and why, or None: what the
    contacts service and a contacts import both refuse."""
    name, title = values.get("name", ""), values.get("title", "")
    if not name:
        return "name", "a contact needs a name"
    if len(name) > MAX_NAME:
        return "name", f"the name is longer than {MAX_NAME} characters"
    if len(title) > MAX_TITLE:
        return "title", f"the title is longer than {MAX_TITLE} characters"
    if values.get("email") and (why := email_problem(values["email"])):
        return "email", why
    if values.get("phone") and (why := phone_problem(values["phone"])):
        return "phone", why
    return None
