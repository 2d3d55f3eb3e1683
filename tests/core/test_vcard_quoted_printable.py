"""vCard 2.1 as older phones export it: quoted-printable values in a charset, soft line
breaks included, read back to the text that was written."""

from __future__ import annotations

import quopri

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.transfer.vcard_reading import vcard_book

# Names and notes as reps' phones hold them: CJK, accents, the characters vCard escapes
# and quoted-printable encodes (`=`), long enough to need soft line breaks.
TEXT = (
    st.text(
        alphabet=st.sampled_from([*"ab Z=;,:\\-.华为技术张伟明，。", "é", "ß", "😀"]),
        min_size=1,
        max_size=90,
    )
    .map(str.strip)
    .filter(bool)
)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _qp(text: str, charset: str) -> str:
    """A value as a 2.1 phone writes it: escaped, then quoted-printable with soft breaks."""
    data = _escaped(text).encode(charset)
    # quopri breaks lines at 76 characters with `=` + newline: the soft line breaks.
    return quopri.encodestring(data, quotetabs=True).decode("ascii").replace("\n", "\r\n")


def _card(name: str, org: str, note: str, charset: str = "UTF-8") -> str:
    params = f"ENCODING=QUOTED-PRINTABLE;CHARSET={charset}"
    return "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            f"N;{params}:{_qp(name, charset)};;;;",
            f"FN;{params}:{_qp(name, charset)}",
            f"ORG;{params}:{_qp(org, charset)};Sales",
            f"NOTE;{params}:{_qp(note, charset)}",
            "TEL;CELL:+86 139 0000 1111",
            "END:VCARD",
            "",
        ]
    )


@given(TEXT, TEXT, TEXT)
def test_quoted_printable_values_read_back_exactly(name: str, org: str, note: str) -> None:
    book = vcard_book(_card(name, org, note), "phone.vcf")
    assert not book.problems
    (person,) = book.people.values()
    (account,) = book.accounts.values()
    assert person.values["name"] == name
    assert person.values["department"] == "Sales"
    assert account.values["name"] == org
    assert person.notes == [note]


def test_a_gb2312_card_with_a_soft_line_break() -> None:
    # As a Chinese feature phone writes it: the note broken mid-character by `=` + newline.
    note = "下周二回电话，带上报价单" * 3
    encoded = quopri.encodestring(note.encode("gb2312")).decode("ascii")
    assert "=\n" in encoded  # long enough to be broken
    encoded = encoded.replace("\n", "\r\n")
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=D5=C5;=CE=B0;;;\r\n"
        "ORG;CHARSET=GB2312;QUOTED-PRINTABLE:=BB=AA=CE=AA\r\n"
        f"NOTE;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:{encoded}\r\n"
        "END:VCARD\r\n"
    )
    book = vcard_book(text, "old.vcf")
    (person,) = book.people.values()
    assert person.values["name"] == "张伟"
    assert [a.values["name"] for a in book.accounts.values()] == ["华为"]
    assert person.notes == [note]
