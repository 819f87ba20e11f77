"""A leads file's email and phone columns, read by the one reader of kernel/contact_details: a
malformed one is a row error and nothing is written; good ones are stored tidied."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from salestui.services.imports.run import ImportRejected
from tests.services.imports.test_run import dump, run, write

HEAD = "name,company,E-mail,Mobile,lead source,rating\n"


def test_email_and_phone_are_mapped_and_stored(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    good = HEAD + "张三,星河科技,zhang@xinghe.cn,  +86 138 0013 8000 ,online,A\n"
    run(s, write(tmp_path, "leads.csv", good), "leads")
    row = s.execute(text("SELECT name, email, phone, grade FROM lead")).one()
    assert tuple(row) == ("张三", "zhang@xinghe.cn", "+86 138 0013 8000", "A")


def test_a_malformed_email_or_phone_is_a_row_error(seeded_db, session_for, tmp_path):
    s = session_for(seeded_db)
    before = dump(seeded_db)
    bad = HEAD + "Ann,A Co,ann@,,online,B\nBob,B Co,,call me,online,B\nCid,C Co,,,online,C\n"
    with pytest.raises(ImportRejected) as caught:
        run(s, write(tmp_path, "bad.csv", bad), "leads")
    assert {(e.line, e.column) for e in caught.value.errors} == {(2, "E-mail"), (3, "Mobile")}
    s.close()
    assert dump(seeded_db) == before
