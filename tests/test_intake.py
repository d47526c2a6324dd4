"""Report intake: three shapes, idempotency, case merging, reputation weighting, rate limits, feedback."""

from __future__ import annotations

from pathlib import Path

import pytest

from dueprocess_support import auth, client, counts, native, seed, tokens
from vigil.intake.parse import parse_report, subject_from_url
from vigil.intake.reputation import NEWCOMER_CAP, TrackRecord, reports_score


@pytest.fixture
def env(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "v.db"
    seed(db)
    tok = tokens(db)
    return db, tok, client(db)


def test_native_report_created_then_replayed(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    r = c.post("/api/v1/reports", json=native("r1"), headers=auth(tok["rep1"]))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["report_id"] == "r1" and body["case_id"].startswith("case-")
    before = counts(db)
    again = c.post("/api/v1/reports", json=native("r1"), headers=auth(tok["rep1"]))
    assert again.status_code == 200
    assert again.json()["report_id"] == "r1" and again.json()["case_id"] == body["case_id"]
    assert counts(db) == before  # nothing new stored, not even an audit row


def test_server_assigns_report_id_and_reporter_token_is_the_reporter(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    r = c.post("/api/v1/reports", json=native(None, reporter_id="someone-else"), headers=auth(tok["rep1"]))
    assert r.status_code == 201
    rid = r.json()["report_id"]
    view = c.get(f"/api/v1/reports/{rid}", headers=auth(tok["rep1"])).json()
    assert view["reporter_id"] == "rep1" and view["status"] == "pending"


def test_intake_token_submits_on_behalf_and_needs_reporter_id(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    r = c.post("/api/v1/reports", json=native("r-x"), headers=auth(tok["platform1"]))
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_report"
    r = c.post("/api/v1/reports", json=native("r-x", reporter_id="u77"), headers=auth(tok["platform1"]))
    assert r.status_code == 201
    assert c.get("/api/v1/reports/r-x", headers=auth(tok["platform1"])).json()["reporter_id"] == "u77"


def test_visibility_rules(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    c.post("/api/v1/reports", json=native("r-vis"), headers=auth(tok["rep1"]))
    assert c.get("/api/v1/reports/r-vis", headers=auth(tok["rep1"])).status_code == 200
    assert c.get("/api/v1/reports/r-vis", headers=auth(tok["alice"])).status_code == 200
    assert c.get("/api/v1/reports/r-vis", headers=auth(tok["root"])).status_code == 200
    for other in ("rep2", "platform1"):
        r = c.get("/api/v1/reports/r-vis", headers=auth(tok[other]))
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert c.get("/api/v1/reports/nope", headers=auth(tok["rep1"])).status_code == 404


def test_activitypub_flag_maps_to_subjects(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    flag = {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://mastodon.example/flags/9",
            "type": "Flag", "actor": "https://mastodon.example/users/mod",
            "content": "This account is impersonation of the ministry",
            "object": ["https://weibo.example/users/a9", "https://weibo.example/users/a9/statuses/123"]}
    r = c.post("/api/v1/reports", content=__import__("json").dumps(flag),
               headers={**auth(tok["platform1"]), "Content-Type": "application/activity+json"})
    assert r.status_code == 201, r.text
    assert r.json()["report_id"] == "https://mastodon.example/flags/9" and len(r.json()["case_ids"]) == 2
    view = c.get("/api/v1/reports/https://mastodon.example/flags/9", headers=auth(tok["platform1"])).json()
    subs = {(s["platform"], s["account_id"], s["post_id"]) for s in view["subjects"]}
    assert subs == {("weibo.example", "a9", None), ("weibo.example", "a9", "123")}
    assert view["reporter_id"] == "https://mastodon.example/users/mod"
    reasons = {c.get(f"/api/v1/cases/{cid}", headers=auth(tok["alice"])).json()["queue"] for cid in r.json()["case_ids"]}
    assert reasons == {"impersonation"}


def test_flag_reason_other_and_url_forms() -> None:
    p = parse_report({"type": "Flag", "id": "x", "actor": "https://m.example/users/a", "content": "spam?",
                      "object": "https://m.example/@bob/1099"}, "application/activity+json")
    assert p.reason == "other" and p.subjects[0].account_id == "bob" and p.subjects[0].post_id == "1099"
    assert subject_from_url("https://m.example/users/carol").post_id is None


def test_atproto_create_report(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    body = {"reasonType": "com.atproto.moderation.defs#reasonMisleading", "reason": "repeats a debunked claim",
            "subject": {"$type": "com.atproto.repo.strongRef",
                        "uri": "at://did:plc:abc123/app.bsky.feed.post/3kxyz", "cid": "bafy"}}
    r = c.post("/api/v1/reports", json=body, headers=auth(tok["rep2"]))
    assert r.status_code == 201, r.text
    view = c.get(f"/api/v1/reports/{r.json()['report_id']}", headers=auth(tok["rep2"])).json()
    assert view["subjects"][0]["account_id"] == "did:plc:abc123" and view["subjects"][0]["post_id"] == "3kxyz"
    case = c.get(f"/api/v1/cases/{r.json()['case_id']}", headers=auth(tok["alice"])).json()
    assert case["queue"] == "debunked_claim"
    repo = {"reasonType": "com.atproto.moderation.defs#reasonSpam", "subject": {"$type": "com.atproto.admin.defs#repoRef",
                                                                            "did": "did:plc:zzz"}}
    assert c.post("/api/v1/reports", json=repo, headers=auth(tok["rep2"])).status_code == 201


def test_reports_on_one_subject_merge_into_one_case(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    ids = {c.post("/api/v1/reports", json=native(f"m{i}", reporter_id=f"u{i}", account_id="same"),
                  headers=auth(tok["platform1"])).json()["case_id"] for i in range(5)}
    assert len(ids) == 1
    case = c.get(f"/api/v1/cases/{ids.pop()}", headers=auth(tok["alice"])).json()
    assert len(case["report_ids"]) == 5
    # a report on an account that already has a finding case joins that case
    r = c.post("/api/v1/reports", json=native("m-a1", account_id="a1"), headers=auth(tok["rep1"]))
    a1 = c.get(f"/api/v1/cases/{r.json()['case_id']}", headers=auth(tok["alice"])).json()
    assert a1["finding_ids"] and a1["report_ids"] == ["m-a1"]


def test_brigade_of_newcomers_cannot_outweigh_reliable_reporters() -> None:
    brigade = [TrackRecord(f"new{i}") for i in range(500)]
    assert reports_score(brigade) == NEWCOMER_CAP
    liars = [TrackRecord(f"l{i}", submitted=20, dismissed=20) for i in range(10)]
    reliable = [TrackRecord("good", submitted=10, upheld=10)]
    assert reports_score(brigade + liars) < reports_score(reliable)
    assert reports_score(reliable * 1) > NEWCOMER_CAP


def test_brigade_priority_end_to_end(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    for i in range(40):
        c.post("/api/v1/reports", json=native(f"b{i}", reporter_id=f"sock{i}", account_id="victim"),
               headers=auth(tok["platform1"]))
    case = c.get("/api/v1/cases", params={"queue": "impersonation"}, headers=auth(tok["alice"])).json()
    victim = next(x for x in case if x["account_id"] == "victim")
    assert victim["priority"] <= NEWCOMER_CAP
    # nothing was taken down by reports alone
    assert counts(db)["decisions"] == 0 and counts(db)["penalty_events"] == 0


def test_rate_limit_429_and_replay_first(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    codes = [c.post("/api/v1/reports", json=native(f"rl{i}", account_id=f"t{i}"), headers=auth(tok["rep1"])).status_code
             for i in range(61)]
    assert codes[:60] == [201] * 60 and codes[60] == 429
    r = c.post("/api/v1/reports", json=native("rl-over"), headers=auth(tok["rep1"]))
    assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited" and "retry-after" in r.headers
    assert c.post("/api/v1/reports", json=native("rl3", account_id="t3"), headers=auth(tok["rep1"])).status_code == 200
    # another reporter is not affected
    assert c.post("/api/v1/reports", json=native("other1"), headers=auth(tok["rep2"])).status_code == 201
    assert counts(db)["report_meta"] == 61


def test_rejected_report_stores_nothing(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    before = counts(db)
    for body in ({"platform": "weibo"}, {"platform": "weibo", "subject": {"account_id": 5}},
                 native("bad", reason="nonsense"), [1, 2], "x", native("bad2", created_at="yesterday")):
        r = c.post("/api/v1/reports", json=body, headers=auth(tok["rep1"]))
        assert r.status_code == 422, (body, r.text)
        assert set(r.json()) == {"error"} and set(r.json()["error"]) == {"code", "message"}
    r = c.post("/api/v1/reports", content=b"{not json", headers={**auth(tok["rep1"]), "Content-Type": "application/json"})
    assert r.status_code == 422
    assert counts(db) == before


def test_reporter_is_told_the_outcome(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    cid = c.post("/api/v1/reports", json=native("fb1", account_id="a2"), headers=auth(tok["rep1"])).json()["case_id"]
    c.post(f"/api/v1/cases/{cid}/claim", headers=auth(tok["alice"]))
    r = c.post(f"/api/v1/cases/{cid}/decision", json={"action": "dismiss", "reason": "satire, no violation"},
               headers=auth(tok["alice"]))
    assert r.status_code == 200, r.text
    view = c.get("/api/v1/reports/fb1", headers=auth(tok["rep1"])).json()
    assert view["status"] == "dismissed" and view["outcome"] == "satire, no violation"
    notes = c.get("/api/v1/notifications", headers=auth(tok["rep1"])).json()
    assert any(n["kind"] == "report.outcome" and n["subject"]["report_id"] == "fb1" for n in notes)
    stats = c.get("/api/v1/reporters", headers=auth(tok["alice"])).json()
    rep1 = next(s for s in stats if s["reporter_id"] == "rep1")
    assert rep1["dismissed"] == 1 and rep1["upheld_share"] == 0.0


def test_track_record_reweights_open_cases(env) -> None:  # type: ignore[no-untyped-def]
    db, tok, c = env
    # rep1 reports two subjects; one is dismissed: the other case's priority drops with rep1's weight
    c1 = c.post("/api/v1/reports", json=native("w1", account_id="s1"), headers=auth(tok["rep1"])).json()["case_id"]
    c2 = c.post("/api/v1/reports", json=native("w2", account_id="s2"), headers=auth(tok["rep1"])).json()["case_id"]
    before = c.get(f"/api/v1/cases/{c2}", headers=auth(tok["alice"])).json()["priority"]
    c.post(f"/api/v1/cases/{c1}/claim", headers=auth(tok["alice"]))
    c.post(f"/api/v1/cases/{c1}/decision", json={"action": "dismiss", "reason": "no"}, headers=auth(tok["alice"]))
    after = c.get(f"/api/v1/cases/{c2}", headers=auth(tok["alice"])).json()["priority"]
    assert after < before


def test_group_commit_isolates_a_failing_report(tmp_path: Path) -> None:
    import asyncio
    from datetime import UTC, datetime

    from vigil.api.context import Db
    from vigil.api.errors import ApiError
    from vigil.api.tokens import Principal
    from vigil.intake.batch import IntakeWriter
    from vigil.policy import load_policy

    db = Db(tmp_path / "g.db")
    with db.write() as conn:  # a file report owns id "taken": a new report may not reuse it
        conn.execute("INSERT INTO reports (report_id, reporter_id, platform, account_id, reason, data) "
                     "VALUES ('taken', 'x', 'weibo', 'a', 'other', '{}')")
    writer = IntakeWriter(db, load_policy(), lambda: datetime(2026, 1, 1, tzinfo=UTC))
    who = Principal("tok-1", "intake", "platform")

    async def go() -> list[object]:
        jobs = [writer.submit(parse_report(native(rid, reporter_id="u1", account_id=f"s{i}"), "application/json"),
                              who, "u1") for i, rid in enumerate(["g1", "taken", "g2", "g1"])]
        return await asyncio.gather(*jobs, return_exceptions=True)

    out = asyncio.run(go())
    assert out[0] == (True, out[0][1]) and out[2][0] is True  # type: ignore[index]
    assert isinstance(out[1], ApiError) and out[1].status == 409
    assert out[3][0] is False and out[3][1]["report_id"] == "g1"  # type: ignore[index]  # same batch replay
    rows = db.store.conn.execute("SELECT report_id FROM report_meta ORDER BY report_id").fetchall()
    assert [r[0] for r in rows] == ["g1", "g2"]
