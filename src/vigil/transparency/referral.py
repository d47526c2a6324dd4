"""Signed referrals of findings and decisions between agencies (Ed25519, `cryptography`).

A bundle is one JSON file:

    {"format": "vigil-referral/1",
     "origin": {"agency": "...", "key_id": "<sha256(raw public key)[:16]>", "public_key": "<base64 raw>"},
     "created_at": "...", "counts": {"findings": n, "decisions": m},
     "items": [{"kind": "finding"|"decision", "id": "...", "data": {...}}, ...],
     "signature": "<base64 Ed25519 over the canonical JSON of every other field>"}

Canonical JSON = keys sorted, separators `,` `:`, UTF-8 (the audit log's rule), so anyone can verify a
bundle without vigil. The importer verifies against a public key it already trusts (the embedded key only
says which key signed, it proves nothing by itself); a bundle that was edited, re-signed with another key
or truncated is refused. Imports are idempotent: items are keyed by (origin key, kind, id), so importing a
bundle twice, or two bundles that overlap, stores each item once. Imported items live in their own table
(`referral_items`), apart from this agency's own findings and decisions, and every import is audited.
"""

from __future__ import annotations

import base64
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vigil.errors import VigilError

FORMAT = "vigil-referral/1"



class ReferralError(VigilError):
    """A bundle that cannot be trusted: bad signature, unknown key, wrong format."""

    exit_code = 1


def canonical(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


def _raw_public(pub: Ed25519PublicKey) -> bytes:
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(pub: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw_public(pub)).hexdigest()[:16]


def keygen(path: Path) -> tuple[Path, Path]:
    """Write a new private key (PEM, PKCS8, mode 0600) at `path` and its public key at `path.pub`."""
    if path.exists():
        raise VigilError(f"{path} exists; refusing to overwrite a key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    pub_path = path.with_name(path.name + ".pub")
    pub_path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo))
    return path, pub_path


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise VigilError(f"--key: cannot load an Ed25519 private key from {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise VigilError(f"--key: {path} is not an Ed25519 key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    """A trusted public key: PEM (as written by keygen) or the base64 raw form printed in bundles."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VigilError(f"--trust: cannot read {path}: {exc.strerror or exc}") from exc
    try:
        if b"BEGIN" in data:
            key = serialization.load_pem_public_key(data)
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(data.strip(), validate=True))
    except (ValueError, TypeError) as exc:
        raise VigilError(f"--trust: {path} holds no Ed25519 public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise VigilError(f"--trust: {path} is not an Ed25519 public key")
    return key


def collect(conn: sqlite3.Connection, include_shadow: bool = False) -> list[dict[str, Any]]:
    """Items to refer: every finding and every (non-shadow) decision of this store, in a stable order."""
    items: list[dict[str, Any]] = []
    cur = conn.execute("SELECT finding_id, platform, account_id, post_id, category, subcategory, detector, score, "
                       "evidence FROM findings ORDER BY finding_id")
    for r in cur:
        items.append({"kind": "finding", "id": r[0], "data": {
            "finding_id": r[0], "subject": {"platform": r[1], "account_id": r[2], "post_id": r[3]},
            "category": r[4], "subcategory": r[5], "detector": r[6], "score": r[7], "evidence": orjson.loads(r[8])}})
    where = "" if include_shadow else " WHERE shadow = 0"
    cur = conn.execute("SELECT decision_id, platform, account_id, post_id, category, subcategory, severity, penalties, "
                       f"reason, finding_ids, decided_by, automated, source, decided_at, status FROM decisions{where} "
                       "ORDER BY decision_id")
    for r in cur:
        items.append({"kind": "decision", "id": r[0], "data": {
            "decision_id": r[0], "subject": {"platform": r[1], "account_id": r[2], "post_id": r[3]},
            "category": r[4], "subcategory": r[5], "severity": r[6], "penalties": orjson.loads(r[7]),
            "reason": r[8], "finding_ids": orjson.loads(r[9]), "decided_by": r[10], "automated": bool(r[11]),
            "source": r[12], "decided_at": r[13], "status": r[14]}})
    return items


def sign_bundle(items: list[dict[str, Any]], key: Ed25519PrivateKey, agency: str,
                created_at: str | None = None) -> dict[str, Any]:
    pub = key.public_key()
    body: dict[str, Any] = {
        "format": FORMAT,
        "origin": {"agency": agency, "key_id": key_id(pub), "public_key": base64.b64encode(_raw_public(pub)).decode()},
        "created_at": created_at or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "counts": {"findings": sum(i["kind"] == "finding" for i in items),
                   "decisions": sum(i["kind"] == "decision" for i in items)},
        "items": items,
    }
    body["signature"] = base64.b64encode(key.sign(canonical(body))).decode()
    return body


def export_bundle(conn: sqlite3.Connection, key_path: Path, out: Path, agency: str) -> dict[str, int]:
    bundle = sign_bundle(collect(conn), load_private(key_path), agency)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(orjson.dumps(bundle))
    tmp.replace(out)
    counts: dict[str, int] = bundle["counts"]
    return counts


def verify_bundle(bundle: Any, trusted: list[Ed25519PublicKey]) -> dict[str, Any]:
    """Return the bundle when a trusted key signed exactly these bytes; raise ReferralError otherwise."""
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ReferralError(f"not a {FORMAT} bundle")
    sig_b64 = bundle.get("signature")
    origin = bundle.get("origin")
    if not isinstance(sig_b64, str) or not isinstance(origin, dict) or not isinstance(bundle.get("items"), list):
        raise ReferralError("bundle lacks signature, origin or items")
    by_id = {key_id(k): k for k in trusted}
    key = by_id.get(str(origin.get("key_id")))
    if key is None:
        raise ReferralError(f"bundle signed by key {origin.get('key_id')!r} ({origin.get('agency')!r}), "
                            "which is not among the trusted keys")
    if origin.get("public_key") != base64.b64encode(_raw_public(key)).decode():
        raise ReferralError("bundle's embedded public key does not match its key id")
    body = {k: v for k, v in bundle.items() if k != "signature"}
    try:
        key.verify(base64.b64decode(sig_b64, validate=True), canonical(body))
    except (InvalidSignature, ValueError) as exc:
        raise ReferralError("signature does not match the bundle's content (edited or corrupted)") from exc
    counts = bundle.get("counts") or {}
    items = bundle["items"]
    if counts.get("findings") != sum(i.get("kind") == "finding" for i in items) or \
            counts.get("decisions") != sum(i.get("kind") == "decision" for i in items):
        raise ReferralError("item counts do not match")
    return bundle


@dataclass
class ImportResult:
    agency: str
    key_id: str
    new: dict[str, int]
    already: int


def import_bundle(conn: sqlite3.Connection, path: Path, trusted: list[Ed25519PublicKey],
                  actor: str = "system:referral") -> ImportResult:
    from vigil import audit

    try:
        raw = path.read_bytes()
        bundle = orjson.loads(raw)
    except OSError as exc:
        raise VigilError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except orjson.JSONDecodeError as exc:
        raise ReferralError(f"{path} is not JSON: {exc}") from exc
    verify_bundle(bundle, trusted)
    origin = bundle["origin"]
    digest = hashlib.sha256(raw).hexdigest()
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    new: dict[str, int] = {"finding": 0, "decision": 0}
    already = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for item in bundle["items"]:
            cur = conn.execute("INSERT OR IGNORE INTO referral_items VALUES (?,?,?,?,?,?,?)",
                               (origin["key_id"], item["kind"], str(item["id"]), origin["agency"],
                                canonical(item["data"]).decode(), digest, now))
            if cur.rowcount:
                new[item["kind"]] = new.get(item["kind"], 0) + 1
            else:
                already += 1
        audit.append(conn, actor=actor, action="referral.import",
                     subject={"origin_key_id": origin["key_id"], "agency": origin["agency"], "bundle_sha256": digest},
                     before=None, after={"new": new, "already_present": already},
                     reason=f"signed referral from {origin['agency']} verified and imported")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ImportResult(agency=origin["agency"], key_id=origin["key_id"], new=new, already=already)
