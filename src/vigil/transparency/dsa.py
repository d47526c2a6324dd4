"""EU DSA statements of reasons (Art. 17 / 24(5)) for the Transparency Database API.

One statement per *applied* penalty other than `warning` (every `apply` row of `penalty_events`,
including penalties later reversed on appeal: the statement records the restriction as imposed), written
as bodies of `POST /api/v1/statements` — `{"statements": [...]}` with 1-100 statements each.

Field names and allowed values come from the official application's code
(digital-services-act/transparency-database, `app/Http/Requests/StatementStoreRequest.php` and
`app/Models/Statement.php`, the schema in force since 1 July 2025); the bundled
`schemas/dsa_statement.schema.json` was generated from those files.

Penalty -> decision field (chosen from the real enums):

- `remove_post`          -> `decision_visibility: [DECISION_VISIBILITY_CONTENT_REMOVED]` (the post is gone).
- `remove_followers`     -> `decision_visibility: [DECISION_VISIBILITY_OTHER]` with
  `decision_visibility_other` explaining it. Stripping an account's followers restricts the reach of all
  its content (Art. 17(1)(a) "other restrictions of visibility"); it neither suspends nor terminates the
  account (`decision_account` only knows those two) nor the service. No end date: it is not timed.
- `suspend_monetization` -> `decision_monetary: DECISION_MONETARY_SUSPENSION` + `end_date_monetary_restriction`.
- `cancel_monetization`  -> `decision_monetary: DECISION_MONETARY_TERMINATION` (no end date).
- `suspend_account`      -> `decision_account: DECISION_ACCOUNT_SUSPENDED` + `end_date_account_restriction`.
- `close_account`        -> `decision_account: DECISION_ACCOUNT_TERMINATED` (no end date).

Ground: vigil enforces its published policy rules, so `decision_ground` is
`DECISION_GROUND_INCOMPATIBLE_CONTENT` with the rule id/title as `incompatible_content_ground` and the
rule text plus the evidence summary as `incompatible_content_explanation`; vigil makes no legal finding,
so it never claims `DECISION_GROUND_ILLEGAL_CONTENT`. `source_type` is `SOURCE_ARTICLE_16` for decisions
taken on a public report (`decisions.source = 'notice'`), else `SOURCE_VOLUNTARY` (the reporter's
identity is personal data and is not sent). `automated_detection` is "Yes" when the decision rests on
detector findings; `automated_decision` is FULLY for automated campaign decisions, PARTIALLY for a
reviewer deciding on automated findings and NOT_AUTOMATED otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

SCHEMA_RESOURCE = "dsa_statement.schema.json"
BATCH_MAX = 100
FACTS_MAX = 5000

# All codes the API accepts for territorial_scope (EuropeanCountriesService::EUROPEAN_COUNTRY_CODES, the EEA):
# vigil's penalties apply platform-wide, so the restriction covers the whole EEA.
EEA = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT",
       "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK")

# vigil category/subcategory -> (STATEMENT_CATEGORY, [KEYWORD...], category_specification_other or None,
# category_addition).  Keywords follow the 2025 taxonomy's grouping.
_CATEGORY: dict[str, tuple[str, tuple[str, ...], str | None, tuple[str, ...]]] = {
    "impersonation": ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", ("KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",), None, ()),
    "impersonation/invented_authority": (
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        ("KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING", "KEYWORD_INAUTHENTIC_ACCOUNTS"), None, ()),
    "debunked_claim": ("STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
                       ("KEYWORD_MISINFORMATION_DISINFORMATION",), None, ()),
    "unqualified_services": ("STATEMENT_CATEGORY_CONSUMER_INFORMATION",
                             ("KEYWORD_MISLEADING_INFO_GOODS_SERVICES",), None, ()),
    "unqualified_services/medical": (
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
        ("KEYWORD_MISLEADING_INFO_GOODS_SERVICES", "KEYWORD_RISK_PUBLIC_HEALTH"), None,
        ("STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",)),
    "unqualified_services/psychology": (
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
        ("KEYWORD_MISLEADING_INFO_GOODS_SERVICES", "KEYWORD_RISK_PUBLIC_HEALTH"), None,
        ("STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",)),
    "engagement_farming": ("STATEMENT_CATEGORY_OTHER_VIOLATION_TC", ("KEYWORD_OTHER",),
                           "Engagement farming: bursts of off-topic posts riding trending topics", ()),
    "engagement_farming/coordinated": ("STATEMENT_CATEGORY_SCAMS_AND_FRAUD", ("KEYWORD_INAUTHENTIC_ACCOUNTS",),
                                       None, ()),
    "engagement_farming/illicit_monetization": (
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", ("KEYWORD_GOODS_SERVICES_NOT_PERMITTED",), None, ()),
}
_FALLBACK = ("STATEMENT_CATEGORY_OTHER_VIOLATION_TC", ("KEYWORD_OTHER",), "Violation of vigil policy", ())

# penalty -> (decision field, value, end-date field or None)
_DECISION: dict[str, tuple[str, str, str | None]] = {
    "remove_post": ("decision_visibility", "DECISION_VISIBILITY_CONTENT_REMOVED", None),
    "remove_followers": ("decision_visibility", "DECISION_VISIBILITY_OTHER", None),
    "suspend_monetization": ("decision_monetary", "DECISION_MONETARY_SUSPENSION", "end_date_monetary_restriction"),
    "cancel_monetization": ("decision_monetary", "DECISION_MONETARY_TERMINATION", None),
    "suspend_account": ("decision_account", "DECISION_ACCOUNT_SUSPENDED", "end_date_account_restriction"),
    "close_account": ("decision_account", "DECISION_ACCOUNT_TERMINATED", None),
}
_FOLLOWERS_TEXT = "Removal of the account's followers, restricting the reach of all its content"
_PROFILE_TEXT = "Account profile (display name, handle, biography)"
_PUID_BAD = re.compile(r"[^a-zA-Z0-9_-]+")


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of one request body (generated from the official application's code)."""
    text = resources.files("vigil.transparency").joinpath("schemas", SCHEMA_RESOURCE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _day(ts: str | None) -> date | None:
    if not ts:
        return None
    try:
        return date.fromisoformat(ts[:10])
    except ValueError:
        return None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def make_puid(decision_id: str, penalty: str, post_id: str | None) -> str:
    """Unique per applied penalty (= per `apply` event key) and within ^[a-zA-Z0-9-_]+$."""
    key = f"{decision_id}:{penalty}:{post_id or ''}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return _PUID_BAD.sub("-", f"vigil-{decision_id}-{penalty}")[:480] + "-" + digest


def statement_for(event: dict[str, Any], decision: dict[str, Any], rule: dict[str, str] | None,
                  content_created: str | None, content_lang: str | None) -> dict[str, Any]:
    """One statement for one applied penalty. Pure: every input is a plain value."""
    penalty = str(event["penalty"])
    field, value, end_field = _DECISION[penalty]
    app_day = _day(event["at"]) or date.today()
    app_day = min(max(app_day, date(2020, 1, 1)), date(2038, 1, 1))
    content_day = _day(content_created) or app_day
    content_day = min(max(content_day, date(2000, 1, 1)), app_day)
    category = decision["category"]
    cat, keywords, kw_other, addition = _CATEGORY.get(
        f"{category}/{decision['subcategory']}", _CATEGORY.get(category, _FALLBACK))
    post_level = event.get("post_id") is not None or (penalty == "remove_post")
    st: dict[str, Any] = {
        field: [value] if field == "decision_visibility" else value,
    }
    if value == "DECISION_VISIBILITY_OTHER":
        st["decision_visibility_other"] = _FOLLOWERS_TEXT
    if end_field is not None:
        end = _day(event.get("ends_at"))
        if end is not None:
            st[end_field] = min(max(end, app_day), date(2038, 1, 1)).isoformat()
    rule_id = (rule or {}).get("rule_id") or category
    title = (rule or {}).get("title") or category.replace("_", " ")
    rule_text = (rule or {}).get("text") or ""
    st["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    st["incompatible_content_ground"] = _clip(f"vigil policy rule {rule_id}: {title}", 500)
    st["incompatible_content_explanation"] = _clip(
        " ".join(x for x in (rule_text, f"Finding: {decision['category']}/{decision['subcategory']}.") if x), 2000)
    st["content_type"] = ["CONTENT_TYPE_TEXT"] if post_level else ["CONTENT_TYPE_OTHER"]
    if not post_level:
        st["content_type_other"] = _PROFILE_TEXT
    st["category"] = cat
    if addition:
        st["category_addition"] = list(addition)
    st["category_specification"] = list(keywords)
    if kw_other:
        st["category_specification_other"] = kw_other
    st["territorial_scope"] = list(EEA)
    if content_lang and content_lang.strip().upper()[:2] in _languages():
        st["content_language"] = content_lang.strip().upper()[:2]
    st["content_date"] = content_day.isoformat()
    st["application_date"] = app_day.isoformat()
    facts = (f"Penalty {penalty} applied to {decision['platform']} account {decision['account_id']}"
             + (f", post {event['post_id']}" if event.get("post_id") else "")
             + f" under decision {decision['decision_id']} (severity {decision['severity']}, "
             f"{decision['strikes_before']} prior strikes). {decision['reason']}")
    st["decision_facts"] = _clip(facts, FACTS_MAX)
    st["source_type"] = "SOURCE_ARTICLE_16" if decision["source"] == "notice" else "SOURCE_VOLUNTARY"
    detected = bool(decision["finding_ids"])
    st["automated_detection"] = "Yes" if detected else "No"
    if decision["automated"]:
        st["automated_decision"] = "AUTOMATED_DECISION_FULLY"
    else:
        st["automated_decision"] = "AUTOMATED_DECISION_PARTIALLY" if detected else "AUTOMATED_DECISION_NOT_AUTOMATED"
    st["puid"] = make_puid(decision["decision_id"], penalty, event.get("post_id"))
    return st


@cache
def _languages() -> frozenset[str]:
    return frozenset(schema()["$defs"]["statement"]["properties"]["content_language"]["enum"])


def _rules(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """Rule id/title/text per category from the built-in policy (decisions store the rule in `reason`)."""
    try:
        from vigil.policy import load_policy

        pol = load_policy(None)
        return {cat: {"rule_id": r.rule_id, "title": r.title, "text": getattr(r, "text", "")}
                for cat, r in pol.rules.items()}
    except Exception:  # pragma: no cover - a broken policy file must not block the export
        return {}


def iter_statements(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Statements for every applied non-warning penalty, in event order."""
    rules = _rules(conn)
    rows = conn.execute(
        "SELECT e.decision_id, e.penalty, e.post_id, e.at, e.ends_at, d.platform, d.account_id, d.category, "
        "d.subcategory, d.severity, d.strikes_before, d.reason, d.finding_ids, d.automated, d.source "
        "FROM penalty_events e JOIN decisions d ON d.decision_id = e.decision_id "
        "WHERE e.kind = 'apply' AND e.penalty != 'warning' ORDER BY e.seq")
    cols = [c[0] for c in rows.description]
    for raw in rows:
        r = dict(zip(cols, raw, strict=True))
        event = {"penalty": r["penalty"], "post_id": r["post_id"], "at": r["at"], "ends_at": r["ends_at"]}
        decision = {k: r[k] for k in ("decision_id", "platform", "account_id", "category", "subcategory",
                                      "severity", "strikes_before", "reason", "automated", "source")}
        decision["finding_ids"] = orjson.loads(r["finding_ids"] or "[]")
        created, lang = _content_of(conn, r["platform"], r["account_id"], r["post_id"])
        yield statement_for(event, decision, rules.get(r["category"]), created, lang)


def _content_of(conn: sqlite3.Connection, platform: str, account_id: str,
                post_id: str | None) -> tuple[str | None, str | None]:
    if post_id:
        row = conn.execute("SELECT data FROM posts WHERE platform=? AND post_id=?", (platform, post_id)).fetchone()
        if row:
            data = orjson.loads(row[0])
            return data.get("created_at"), data.get("lang")
    row = conn.execute("SELECT data FROM accounts WHERE platform=? AND account_id=?", (platform, account_id)).fetchone()
    if row:
        return orjson.loads(row[0]).get("created_at"), None
    return None, None


def batches(statements: Iterable[dict[str, Any]], size: int = BATCH_MAX) -> Iterator[dict[str, Any]]:
    if not 1 <= size <= BATCH_MAX:
        raise ValueError(f"batch size must be 1..{BATCH_MAX}")
    buf: list[dict[str, Any]] = []
    for st in statements:
        buf.append(st)
        if len(buf) == size:
            yield {"statements": buf}
            buf = []
    if buf:
        yield {"statements": buf}


def rule_errors(body: dict[str, Any]) -> list[str]:
    """Checks JSON Schema cannot express: date order and puid uniqueness within the body."""
    errors: list[str] = []
    seen: set[str] = set()
    for i, st in enumerate(body.get("statements", [])):
        app = st.get("application_date", "")
        if st.get("content_date", "") > app:
            errors.append(f"statement {i}: content_date after application_date")
        for k in ("end_date_account_restriction", "end_date_monetary_restriction", "end_date_service_restriction",
                  "end_date_visibility_restriction"):
            if k in st and st[k] is not None and st[k] < app:
                errors.append(f"statement {i}: {k} before application_date")
        if st.get("puid") in seen:
            errors.append(f"statement {i}: duplicate puid {st.get('puid')}")
        seen.add(st.get("puid", ""))
    return errors


def export(conn: sqlite3.Connection, out_path: Path, size: int = BATCH_MAX) -> tuple[int, int]:
    """Write one JSON body per line; returns (statements, lines)."""
    n_st = n_lines = 0
    tmp = out_path.with_name(out_path.name + ".tmp")
    with tmp.open("wb") as fh:
        for body in batches(iter_statements(conn), size):
            fh.write(orjson.dumps(body) + b"\n")
            n_st += len(body["statements"])
            n_lines += 1
    tmp.replace(out_path)
    return n_st, n_lines
