"""Reading CSV as real tools write it: encodings, delimiters, quoting, blank rows, footers."""

from __future__ import annotations

import pytest

from salestui.kernel.errors import DomainError
from salestui.transfer.reading import decode, read_file, read_text, sniff_delimiter


def test_utf8_bom_is_dropped_from_the_first_header(tmp_path):
    f = tmp_path / "bom.csv"
    f.write_bytes("\ufeffRow ID,Customer Name\n1,Darren Powers\n".encode())
    table = read_file(f)
    assert table.header == ["Row ID", "Customer Name"]
    assert table.encoding == "utf-8-sig"


def test_cp1252_is_read_when_utf8_fails(tmp_path):
    f = tmp_path / "cp.csv"
    f.write_bytes("City,Sales\nSan José,261.96\nBogotá,12\n".encode("cp1252"))
    table = read_file(f)
    assert table.encoding == "cp1252"
    assert table.rows[0][1][0] == "San José"


def test_gbk_is_told_from_cp1252_by_the_text_it_yields(tmp_path):
    f = tmp_path / "gbk.csv"
    f.write_bytes("客户名称,区域\n上海华信科技有限公司,华东\n深圳腾达电子,华南\n".encode("gbk"))
    table = read_file(f)
    assert table.encoding == "gbk"
    assert table.header == ["客户名称", "区域"]
    assert table.rows[1][1] == ["深圳腾达电子", "华南"]


def test_an_explicit_wrong_encoding_says_where_it_fails(tmp_path):
    f = tmp_path / "x.csv"
    f.write_bytes("a,b\n1,2\nSan José,3\n".encode("cp1252"))
    with pytest.raises(DomainError, match="line 3"):
        read_file(f, encoding="utf-8")


def test_semicolon_and_tab_delimiters_are_sniffed_from_the_header():
    assert sniff_delimiter("Row ID;Sales;Quantity\n1;261,96;2\n") == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter('name,amount\nx,"1,234.50"\n') == ","


def test_quoted_newlines_keep_the_line_where_the_record_starts():
    text = 'name,note\nA,"first\nsecond line"\nB,plain\n'
    table = read_text(text, encoding="utf-8")
    assert [line for line, _ in table.rows] == [2, 4]
    assert table.rows[0][1][1] == "first\nsecond line"


def test_blank_rows_unnamed_trailing_columns_and_a_grand_totals_footer():
    text = (
        "Deal Owner,Customer,Stage,Amount,\n"
        "Angela,Customer 1,Identified,2910,\n"
        ",,,,\n"
        "\n"
        "Denny,Customer 2,Validated,1680,99\n"
        "Grand Totals (2 records),,,4590,\n"
        ",,1,,\n"
    )
    table = read_text(text, encoding="utf-8")
    assert table.header == ["Deal Owner", "Customer", "Stage", "Amount"]
    assert table.dropped_columns == 1
    assert [cells[0] for _, cells in table.rows] == ["Angela", "Denny"]
    assert table.blank_rows == 2
    assert table.footer[0].startswith("Grand Totals")


def test_a_customer_named_total_is_not_a_footer():
    table = read_text("name,industry,region\nTotal S.A.,Energy,West\n", encoding="utf-8")
    assert len(table.rows) == 1 and table.footer == []


def test_excel_workbooks_and_missing_files_are_refused(tmp_path):
    xlsx = tmp_path / "book.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x00\x00rest")
    with pytest.raises(DomainError, match="Excel workbook"):
        read_file(xlsx)
    with pytest.raises(DomainError, match="no file"):
        read_file(tmp_path / "nope.csv")


def test_undecodable_bytes_ask_for_an_encoding():
    with pytest.raises(DomainError, match="--encoding"):
        decode(b"a,b\n\x81\x20\x8d\x20\n")


@pytest.mark.parametrize(
    "text",
    [
        "客户,金额\n腾讯,100\n",
        "a\n镕\n",  # one hanzi whose GBK trail byte is ASCII ('F'): read as cp1252 it is 'éF'
        "Deal,Owner\nPumps,朱镕基\n",
        "name,city\n张三,北京\n",
    ],
)
def test_small_gbk_files_are_read_as_gbk(text):
    assert decode(text.encode("gbk")) == (text, "gbk")


@pytest.mark.parametrize(
    "text",
    [
        "name,city\nJosé,Zürich\n",
        "a\nCafé\n",
        "a\n£5\n",
        "Name\nMüller Straße\n",
        "T\nRenewal – Q3\n",
    ],
)
def test_small_cp1252_files_stay_cp1252(text):
    assert decode(text.encode("cp1252")) == (text, "cp1252")


def test_a_utf16_byte_order_mark_on_bytes_that_are_not_utf16_is_one_clear_refusal():
    """Found by the import fuzz: a UTF-16 mark followed by an odd number of bytes."""
    import pytest

    from salestui.kernel.errors import DomainError
    from salestui.transfer.reading import decode

    with pytest.raises(DomainError, match="the file is not utf-16: .* try another --encoding"):
        decode(b"\xfe\xffkind\n")
    assert decode("kind\n".encode("utf-16")) == ("kind\n", "utf-16")
