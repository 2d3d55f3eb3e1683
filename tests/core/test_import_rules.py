"""The import's domain rules: encodings, shapes, source recognition, dates and numbers
decided once per file, and vCard reading."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.transfer import column_maps
from followup_tui.core.transfer.book_rows import book_of, domain_of, person_name
from followup_tui.core.transfer.cell_values import (
    CellError,
    date_order,
    decimal_mark,
    parse_date,
    parse_number,
)
from followup_tui.core.transfer.sheet_cells import neutralised
from followup_tui.core.transfer.sources import (
    buying_role,
    is_footer,
    recognised,
    stage_reading,
)
from followup_tui.core.transfer.table_reading import csv_sheet, delimiter_of, kind_of
from followup_tui.core.transfer.text_decoding import decoded
from followup_tui.core.transfer.vcard_reading import vcard_book

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _sheet(name: str):
    text = decoded((FIXTURES / name).read_bytes())
    return csv_sheet(text.text, name, text.encoding)


# --- encodings and shapes -------------------------------------------------------------


def test_gbk_file_reads_as_chinese_not_korean() -> None:
    got = decoded((FIXTURES / "generic_customers_gbk.csv").read_bytes())
    assert got.encoding == "gb18030"
    assert got.text.startswith("客户名称,联系人")


def test_short_gbk_text_is_gb18030() -> None:
    assert decoded("王经理,采购".encode("gbk")) == ("王经理,采购", "gb18030")


def test_windows_1252_file() -> None:
    got = decoded((FIXTURES / "pipedrive_deals_de.csv").read_bytes())
    assert got.encoding == "cp1252"
    assert "Müller Maschinenbau – Förderbänder" in got.text


def test_bom_wins_and_is_dropped() -> None:
    got = decoded((FIXTURES / "hubspot_contacts_bom.tsv").read_bytes())
    assert got.encoding == "utf-8-sig" and got.text.startswith("Record ID\t")
    assert decoded(codecs.BOM_UTF16_LE + "名".encode("utf-16-le")).text == "名"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a,b;c,d\n", ","), ("a;b;c\n1,5;2\n", ";"), ("a\tb, c\td\n", "\t"), ('"x;y",z\n', ",")],
)
def test_delimiter_from_the_header_outside_quotes(text: str, delimiter: str) -> None:
    assert delimiter_of(text) == delimiter


def test_quoted_newline_stays_in_its_cell_and_lines_are_counted() -> None:
    sheet = _sheet("generic_customers_gbk.csv")
    assert sheet.rows[0].cells[6] == "老客户\n每季度复购"
    # The second record starts on line 4: the first took lines 2 and 3.
    assert [r.line for r in sheet.rows] == [2, 4]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("salesforce_report.xlsx", "xlsx"),
        ("phone_contacts.vcf", "vcard"),
        ("hubspot_contacts_bom.tsv", "csv"),
        ("pipedrive_deals_de.csv", "csv"),
    ],
)
def test_kind_by_content(name: str, kind: str) -> None:
    assert kind_of((FIXTURES / name).read_bytes()) == kind
    assert kind_of(b'\xef\xbb\xbf  {"format": 1}') == "json"


# --- recognition ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "system"),
    [
        ("salesforce_opportunity_contact_roles.csv", "salesforce", "salesforce"),
        ("sf_dataloader_accounts.csv", "salesforce-api", "salesforce"),
        ("sf_dataloader_opportunities.csv", "salesforce-api", "salesforce"),
        ("hubspot_deals.csv", "hubspot", "hubspot"),
        ("hubspot_companies.csv", "hubspot", "hubspot"),
        ("hubspot_contacts_bom.tsv", "hubspot", "hubspot"),
        ("pipedrive_deals_de.csv", "pipedrive", "pipedrive"),
    ],
)
def test_sources_recognised_from_headers(name: str, source: str, system: str) -> None:
    found = recognised(_sheet(name).headers)
    assert found is not None and (found.name, found.system) == (source, system)


def test_generic_spreadsheet_is_not_recognised() -> None:
    assert recognised(_sheet("generic_customers_gbk.csv").headers) is None
    assert recognised(["Name", "City", "Notes"]) is None


def test_data_loader_id_belongs_to_the_object_exported() -> None:
    opp = recognised(["id", "AccountId", "Name", "StageName", "CloseDate"])
    contact = recognised(["ID", "accountid", "FirstName", "LastName"])
    account = recognised(["Id", "Name", "BillingCity"])
    assert opp and opp.fields[:3] == ("deal.ext", "deal.account_ext", "deal.title")
    assert contact and contact.fields[:2] == ("person.ext", "person.account_ext")
    assert account and account.fields[:2] == ("account.ext", "account.name")


def test_hubspot_record_id_follows_the_object() -> None:
    deals = recognised(_sheet("hubspot_deals.csv").headers)
    companies = recognised(_sheet("hubspot_companies.csv").headers)
    assert deals and deals.fields[0] == "deal.ext"
    assert companies and companies.fields[0] == "account.ext"


def test_salesforce_footers_dropped_only_at_the_end() -> None:
    assert is_footer(["Grand Totals (4 records)", "", "$288,500.00"])
    assert is_footer(["Confidential Information - Do Not Distribute"])
    assert is_footer(["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."])
    assert not is_footer(["Total Logistics Ltd", "Boston"])
    sheet = _sheet("salesforce_opportunity_contact_roles.csv")
    source = recognised(sheet.headers)
    assert source is not None
    rows = [(r.line, r.cells) for r in sheet.rows]
    book = book_of(source, sheet.headers, rows, "sf.csv", default_order="mdy")
    assert not book.problems
    assert book.rows == 4
    assert sorted(r.values["name"] for r in book.accounts.values()) == [
        "Acme Robotics",
        "Globex Corporation",
        "Initech",
    ]


def test_stage_ids_and_roles() -> None:
    assert stage_reading("qualifiedtobuy") == ("open", "in")
    assert stage_reading("closedwon")[0] == "won"
    assert stage_reading("Closed Lost")[0] == "lost"
    assert stage_reading("Some custom stage") == ("open", "above")
    assert buying_role("Economic Decision Maker") == "economic_buyer"
    assert buying_role("END_USER") == "user_buyer"
    assert buying_role("Champion") == "coach"
    assert buying_role("Other") is None


def test_pipedrive_joined_cells_and_locale() -> None:
    sheet = _sheet("pipedrive_deals_de.csv")
    source = recognised(sheet.headers)
    assert source is not None
    book = book_of(source, sheet.headers, [(r.line, r.cells) for r in sheet.rows], "p.csv")
    assert not book.problems
    assert (book.date_order, book.decimal_mark) == ("dmy", ",")
    deal = book.deals[("ext", "17")]
    assert deal.values["amount"] == 12500.5
    assert deal.values["completion_date"] == dt.date(2027, 1, 31)
    person = next(iter(book.people.values()))
    assert person.values["email"] == "j.weiss@mueller-mb.example"
    assert person.values["phone"] == "+49 711 123456"
    assert "Person - Email: einkauf@mueller-mb.example" in person.notes
    assert "Person - Phone: +49 170 9876543" in person.notes


def test_formula_guard_taken_off_and_formula_kept_as_text() -> None:
    guarded = neutralised('=HYPERLINK("http://x","y")')
    source = recognised(["Account Name", "Opportunity Name", "Description"])
    assert source is not None
    book = book_of(source, ["Account Name", "Opportunity Name", "Description"],
                   [(2, ["Acme", "Deal", guarded])], "f.csv")  # fmt: skip
    assert book.accounts[("name", "acme")].notes == ['Description: =HYPERLINK("http://x","y")']


def test_names_and_domains() -> None:
    assert person_name("Maria", "Lopez") == "Maria Lopez"
    assert person_name("晓明", "张") == "张晓明"
    assert domain_of("https://www.Acme.com/about?x=1") == "acme.com"
    assert domain_of("acme.com") == "acme.com"


# --- dates and numbers ----------------------------------------------------------------


def test_iso_dates_are_never_read_another_way() -> None:
    assert parse_date("2025-03-04", "mdy") == dt.date(2025, 3, 4)
    assert parse_date("2025-03-04", "dmy") == dt.date(2025, 3, 4)
    assert parse_date("2025年3月4日", "mdy") == dt.date(2025, 3, 4)
    assert parse_date("3/4/2025 10:15 AM", "mdy") == dt.date(2025, 3, 4)


def test_date_order_from_the_files_own_values() -> None:
    assert date_order(["04/03/2025", "13/01/2025"]) == "dmy"
    assert date_order(["04/03/2025", "01/13/2025"]) == "mdy"
    assert date_order(["04/03/2025", "2025-12-31"]) is None
    with pytest.raises(CellError, match="two orders"):
        date_order(["13/01/2025", "01/13/2025"])


def test_bad_dates_and_numbers() -> None:
    with pytest.raises(CellError):
        parse_date("31/02/2025", "dmy")
    with pytest.raises(CellError):
        parse_date("soon", "dmy")
    with pytest.raises(CellError):
        parse_number("12,34,5", ".")
    with pytest.raises(CellError, match="two styles"):
        decimal_mark(["1.234,56", "1,234.56"])


@pytest.mark.parametrize(
    ("cell", "mark", "value"),
    [
        ("$120,000.00", ".", 120000.0),
        ("1.234,56 €", ",", 1234.56),
        ("1 234,5", ",", 1234.5),
        ("CHF 1'250.75", ".", 1250.75),
        ("12500", ".", 12500.0),
    ],
)
def test_numbers_in_a_files_style(cell: str, mark, value: float) -> None:
    assert parse_number(cell, mark) == value


_days = st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2068, 12, 31))


@given(st.lists(_days, min_size=1, max_size=30), st.sampled_from(["dmy", "mdy"]))
def test_a_files_date_order_never_reads_a_cell_two_ways(days: list[dt.date], order) -> None:
    """Whatever the dates, the order decided for the file is the one they were written in
    (or undecided), and every cell read with it gives back its own date."""
    fmt = "%d/%m/%Y" if order == "dmy" else "%m/%d/%Y"
    cells = [d.strftime(fmt) for d in days]
    decided = date_order(cells)
    assert decided in (order, None)
    if decided is not None:
        assert [parse_date(c, decided) for c in cells] == days
    else:  # undecided: no cell has a part above 12, so each reads one way either way
        assert all(d.day <= 12 for d in days)
        assert [parse_date(c, order) for c in cells] == days


@given(
    st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=1, max_size=20),
    st.sampled_from([".", ","]),
)
def test_a_files_decimal_mark_reads_every_amount_back(amounts, mark) -> None:
    group = "," if mark == "." else "."
    cells = [f"{a:,.2f}".replace(",", "_").replace(".", mark).replace("_", group) for a in amounts]
    decided = decimal_mark(cells)
    assert decided == mark  # two decimals always tell
    assert [parse_number(c, mark) for c in cells] == [float(a) for a in amounts]


# --- mapping --------------------------------------------------------------------------


def test_map_file_checked_and_remembered(tmp_path: Path) -> None:
    headers = _sheet("generic_customers_gbk.csv").headers
    mapping = column_maps.parsed_map(
        (FIXTURES / "generic_customers_map.yaml").read_text("utf-8"), "map.yaml"
    )
    source = column_maps.mapped_source(headers, mapping)
    assert source.fields[:2] == ("account.name", "person.name")
    assert source.fields[6] == "notes"  # 备注 is not in the map: kept as a note
    assert column_maps.remembered(tmp_path, headers) is None
    column_maps.remember(tmp_path, headers, source)
    assert column_maps.remembered(tmp_path, [f" {h} " for h in headers]) == source
    with pytest.raises(column_maps.MapError, match="unknown field"):
        column_maps.parsed_map("Name: account.nmae\n", "m.yaml")


# --- vCard ----------------------------------------------------------------------------


def test_vcards_people_at_their_organisation() -> None:
    book = vcard_book((FIXTURES / "phone_contacts.vcf").read_text("utf-8"), "p.vcf")
    people = {p.values["name"]: p for p in book.people.values()}
    maria = people["Maria Lopez"]
    assert maria.account == ("name", "acme robotics")
    assert maria.values["department"] == "Operations"
    assert "Prefers calls, not email\nafter 3pm" in maria.notes
    nana = people["欧阳娜娜"]
    assert nana.values["title"] == "研发总监"  # a folded line joined
    assert nana.values["phone"] == "+86-755-2878-0808"
    assert nana.ext == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert [str(p) for p in book.problems] == [
        "p.vcf, line 22: No Company Person: no organisation (ORG), so no account to put them in"
    ]


_cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    max_size=12,
)


@given(
    st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=8), min_size=2, max_size=5),
    st.data(),
    st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_reads_back_cell_for_cell(headers: list[str], data, delimiter: str) -> None:
    """Quotes, delimiters and newlines inside cells: whatever a spreadsheet writes in any
    of the three delimiters, the reader gives back the same cells (blank rows aside)."""
    import csv
    import io

    headers = [f"h{i} {h}" for i, h in enumerate(headers)]
    rows = data.draw(
        st.lists(st.lists(_cell, min_size=len(headers), max_size=len(headers)), max_size=6)
    )
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows([headers, *rows])
    sheet = csv_sheet(buf.getvalue(), "x.csv")
    assert sheet.headers == [h.strip() for h in headers]
    assert [r.cells for r in sheet.rows] == [r for r in rows if any(c.strip() for c in r)]


@given(st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=6))
def test_a_mapping_is_found_again_whatever_the_case_and_spacing(headers: list[str]) -> None:
    changed = [f"  {h.upper()}  " for h in headers]
    same = [" ".join(h.split()).casefold() for h in headers] == [
        " ".join(h.split()).casefold() for h in changed
    ]
    assert (column_maps.headers_key(headers) == column_maps.headers_key(changed)) == same
