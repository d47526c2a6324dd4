"""Schemathesis against /openapi.json: generated requests for every operation, as admin and as a reporter."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from dueprocess_support import Clock, counts, seed, tokens
from vigil.api import create_app

_DB = Path(tempfile.mkdtemp(prefix="vigil-st-")) / "v.db"
seed(_DB)
_TOK = tokens(_DB)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB, clock=Clock(), rate_limit=10**6))


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests(case: schemathesis.Case) -> None:
    for who in ("root", "rep1"):
        before = counts(_DB)
        response = case.call(headers={"Authorization": f"Bearer {_TOK[who]}"})
        assert response.status_code < 500, (case.method, case.formatted_path, response.text)
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
            assert counts(_DB) == before, (case.method, case.formatted_path, response.status_code)
