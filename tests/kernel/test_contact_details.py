"""Email and phone: the shapes a contact's details may take, by hand."""

import pytest

from salestui.kernel.contact_details import email_problem, phone_problem

GOOD_EMAILS = ["a@b.co", "wang.wei@huawei.com", "li+crm@sub.example.com.cn", "O'Neil@x.io"]
BAD_EMAILS = ["a@b", "a b@c.com", "a@@b.com", "@b.com", "a@b..com", "x@y.中国", ".a@b.com",
              "name(at)example.com", "a@b.c"]  # fmt: skip
GOOD_PHONES = ["+86 138 0013 8000", "(010) 6552 9988", "021.5555.0101", "138-0013-8000 ext 12",
               "8000 转 12", "+8613800138000", "12345"]  # fmt: skip
BAD_PHONES = ["12ab", "1234", "call me", "138００13", "+86 138 0013 8000 8000 8000 8000",
              "13800138000 / 13900139000 / 1"]  # fmt: skip


@pytest.mark.parametrize("text", GOOD_EMAILS)
def test_an_email_address_is_taken(text):
    assert email_problem(text) is None


@pytest.mark.parametrize("text", BAD_EMAILS)
def test_a_malformed_email_is_refused_by_name(text):
    assert email_problem(text) == f"{text!r} is not an email address (like name@example.com)"


@pytest.mark.parametrize("text", GOOD_PHONES)
def test_a_phone_number_is_taken(text):
    assert phone_problem(text) is None


@pytest.mark.parametrize("text", BAD_PHONES)
def test_a_malformed_phone_is_refused(text):
    why = phone_problem(text)
    assert why is not None and why.startswith(f"{text!r} is not a phone number")
