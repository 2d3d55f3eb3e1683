"""What a search finds: short words by the index, words spread over one account,
commitments, accents, and archived accounts said to be archived."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup_tui.core.accounts.find_hits import query_words
from followup_tui.db.accounts import save_account
from followup_tui.db.connection import db
from followup_tui.db.find import accounts_with_notes, find
from followup_tui.db.models import Account, Activity, BestAction, Deal
from tests.db.index_checks import assert_index_whole

DAY = dt.datetime(2026, 11, 2, 10, 0)


def _note(account_id: int, notes: str, **more: str) -> int:
    return Activity.create(account=account_id, kind="call", occurred_at=DAY, notes=notes, **more).id


def _found(text: str, limit: int = 50) -> set[tuple[str, int | None]]:
    hits, _ = find(query_words(text), limit)
    return {(h.place, h.row_id) for h in hits}


@pytest.fixture
def sql_seen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the search runs."""
    seen: list[str] = []
    execute = db.execute_sql

    def spy(sql: str, params: object = None, *args: object, **kwargs: object) -> object:
        seen.append(sql)
        return execute(sql, params, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(db, "execute_sql", spy)
    return seen


def test_a_two_character_word_is_looked_up_in_the_index_wherever_it_is(
    db_path: Path, sql_seen: list[str]
) -> None:
    account = save_account({"name": "Contoso"})
    texts = ("周总要SOW", "和周总确认", "见了周总", "周总")
    start, middle, end, whole = (_note(account, t) for t in texts)
    _note(account, "周末 总结")  # both characters, not together
    sql_seen.clear()
    assert _found("周总") == {("activity", i) for i in (start, middle, end, whole)}
    assert _found("li") == set()
    li = _note(account, "Li")
    assert _found("li") == {("activity", li)}
    # One character: the texts that hold it, the one that is only it too.
    alone = _note(account, "周")
    assert ("activity", alone) in _found("周")
    # Never a read of every note: the index's terms, then a MATCH of them.
    assert not [sql for sql in sql_seen if "instr(" in sql]


def test_a_short_word_with_a_long_one_and_account_names(db_path: Path) -> None:
    huawei = save_account({"name": "华为技术", "notes": "周总 is the sponsor"})
    other = save_account({"name": "中兴通讯"})
    sow = _note(other, "周总要 SOW 草稿")
    assert _found("周总") == {("account_notes", None), ("activity", sow)}
    assert {h.account_id for h in find(query_words("为技"), 5)[0]} == {huawei}
    assert _found("sow 周总") == {("activity", sow)}


def test_a_name_word_and_a_note_word_find_the_note(db_path: Path) -> None:
    huawei = save_account({"name": "华为技术"})
    northwind = save_account({"name": "Northwind Traders"})
    contoso = save_account({"name": "Contoso", "notes": "Northwind's rival"})
    sow = _note(huawei, "客户要 SOW 草稿")
    _note(huawei, "年底预算")
    pricing = _note(northwind, "Talked pricing with Ann")
    _note(contoso, "pricing is wrong")  # Contoso's own text holds northwind too
    elsewhere = save_account({"name": "Acme"})
    _note(elsewhere, "SOW for pricing")
    assert _found("华为 SOW") == {("activity", sow)}
    hits, more = find(query_words("northwind pricing"), 10)
    assert not more
    assert {(h.account_id, h.place) for h in hits} == {
        (northwind, "activity"),
        (contoso, "activity"),
    }
    assert [h.text for h in hits if h.account_id == northwind] == ["Talked pricing with Ann"]
    assert pricing in {h.row_id for h in hits}
    assert set(accounts_with_notes(query_words("northwind pricing"))) == {northwind, contoso}


def test_words_over_several_records_of_one_account_find_the_account(db_path: Path) -> None:
    account = save_account({"name": "Fabrikam"})
    first = _note(account, "SOW sent")
    deal = Deal.create(account=account, title="Plant")
    BestAction.create(deal=deal, what="Ask 周总 for the budget")
    other = save_account({"name": "Tailspin"})
    _note(other, "SOW sent")  # one of the words only
    hits, _ = find(query_words("sow 周总"), 10)
    assert [(h.account_id, h.place, h.row_id) for h in hits] == [(account, "name", None)]
    assert accounts_with_notes(query_words("sow 周总")) == {account: ("activity", first)}


def test_what_each_side_promised_is_found(db_path: Path) -> None:
    account = save_account({"name": "Contoso"})
    call = _note(
        account,
        "Good call",
        our_commitments="Send the 报价单 by Friday",
        their_commitments="Introduce us to the CFO",
    )
    hits, _ = find(query_words("报价单"), 5)
    assert [(h.place, h.row_id, h.text) for h in hits] == [
        ("activity", call, "Send the 报价单 by Friday")
    ]
    assert [h.text for h in find(query_words("cfo"), 5)[0]] == ["Introduce us to the CFO"]
    # A word in the notes and one in a promise: the same call.
    assert _found("good cfo") == {("activity", call)}
    Activity.update(their_commitments="").where(Activity.id == call).execute()
    assert _found("cfo") == set()


def test_accents_are_folded_in_notes_and_records(db_path: Path) -> None:
    account = save_account({"name": "Contoso"})
    cafe = _note(account, "Café meeting with MÜLLER")
    resume = _note(account, "résumé envoyé; ＳＯＷ")
    assert _found("cafe") == {("activity", cafe)}
    assert _found("CAFÉ") == {("activity", cafe)}
    assert _found("muller") == {("activity", cafe)}
    assert _found("resume") == {("activity", resume)}
    assert _found("sow") == {("activity", resume)}
    deal = Deal.create(account=account, title="Plant")
    action = BestAction.create(deal=deal, what="Rendez-vous à l'hôtel").id
    assert _found("hotel") == {("best_action", action)}
    Activity.update(notes="Tea").where(Activity.id == cafe).execute()
    assert _found("cafe") == set()
    assert_index_whole()


def test_archived_accounts_are_said_to_be_and_the_list_keeps_them_apart(db_path: Path) -> None:
    live = save_account({"name": "Contoso"})
    gone = save_account({"name": "Fabrikam"})
    _note(live, "SOW draft")
    kept = _note(gone, "SOW signed")
    Account.update(archived=True).where(Account.id == gone).execute()
    hits, _ = find(query_words("sow"), 5)
    assert {(h.account_id, h.archived) for h in hits} == {(live, False), (gone, True)}
    words = query_words("sow")
    assert set(accounts_with_notes(words)) == {live}
    assert accounts_with_notes(words, archived=True) == {gone: ("activity", kept)}
    assert set(accounts_with_notes(words, archived=None)) == {live, gone}


def test_a_short_word_finds_a_text_written_after_a_search_on_the_same_thread(
    db_path: Path,
) -> None:
    from followup_tui.db.find import record_hits

    account = save_account({"name": "Contoso"})
    _note(account, "周总要报价")
    assert len(record_hits("activity", ["周总"], 5)) == 1
    later = _note(account, "见了周总")  # a trigram (了周总) the first search did not list
    assert {h.row_id for h in record_hits("activity", ["周总"], 5)} >= {later}
    assert ("activity", later) in _found("周总")
