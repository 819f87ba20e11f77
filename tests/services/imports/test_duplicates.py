"""An import that makes customers offers the likely duplicates it made (tests/fixtures.py's
上海华信科技有限公司 and Acme Corp are there already); it is not stopped, and its undo takes them."""

from __future__ import annotations

from sqlalchemy import text

from salestui.services.imports.run import ImportOptions, import_file, undo_import
from tests.fixtures import NOW


def test_new_customers_like_existing_ones_are_named_in_the_summary(
    seeded_db, session_for, tmp_path
):
    path = tmp_path / "c.csv"
    path.write_text(
        "name,owner,region,industry\n"
        "华信,rep_li,华东,manufacturing\n"
        "ACME Inc.,rep_wang,华东,retail\n"
        "Brand New Co,rep_wang,华东,retail\n",
        encoding="utf-8",
    )
    s = session_for(seeded_db)
    summary = import_file(s, path, ImportOptions(kind="customers"), actor="boss", now=NOW)
    assert summary.created == 3
    ids = dict(s.execute(text("SELECT name, id FROM customer")).all())
    assert summary.duplicates == [
        "2 likely duplicate customer pair(s) with a customer this import made "
        "(see salestui customer duplicates):",
        f"  “上海华信科技有限公司” (#{ids['上海华信科技有限公司']}) ~ “华信” (#{ids['华信']}): "
        "same company name",
        f"  “Acme Corp” (#{ids['Acme Corp']}) ~ “ACME Inc.” (#{ids['ACME Inc.']}): "
        "same name but the legal form",
    ]
    assert all(line in summary.lines() for line in summary.duplicates)
    undo_import(s, summary.batch, actor="boss", now=NOW)
    assert s.execute(text("SELECT count(*) FROM customer WHERE name = '华信'")).scalar() == 0


def test_an_import_of_nothing_alike_offers_nothing(seeded_db, session_for, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,owner,region,industry\nBrand New Co,rep_wang,华东,retail\n")
    s = session_for(seeded_db)
    summary = import_file(s, path, ImportOptions(kind="customers"), actor="boss", now=NOW)
    assert (summary.created, summary.duplicates) == (1, [])
