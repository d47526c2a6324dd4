"""`vigil claims import` and `vigil claims set`: manage the fact-checked claim bank, audited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, out, readable


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    claims_app = typer.Typer(help="The fact-checked claim bank (every change is audited).", no_args_is_help=True)
    app.add_typer(claims_app, name="claims")

    @claims_app.command("import")
    def import_claims(
        file: Annotated[Path, typer.Option("--file", help="claims.jsonl, or ClaimReview JSON (schema.org).")],
        actor: Annotated[str, typer.Option(help="Who imports (recorded in the audit log).")] = "cli:claims",
        db: DbOption = None,
    ) -> None:
        """Add or update claims from JSONL or ClaimReview JSON."""
        from vigil.claims.bank import read_claims
        from vigil.claims.storebank import apply_claims
        from vigil.store import open_store

        claims = read_claims(readable(file, "--file") or file)
        changes = apply_claims(open_store(db_path(db)), claims, actor=actor, reason=f"import from {file.name}")
        added = sum(c.action == "claim.add" for c in changes)
        verdicts = sum(c.verdict_changed for c in changes)
        out.print(f"{len(claims)} claims read: {added} added, {len(changes) - added} updated "
                  f"({verdicts} verdict changes), {len(claims) - len(changes)} unchanged")

    @claims_app.command("set")
    def set_claim(
        claim_id: Annotated[str, typer.Argument(help="The claim to change.")],
        verdict: Annotated[str | None, typer.Option(help="New verdict as the fact-checker wrote it.")] = None,
        text: Annotated[str | None, typer.Option(help="New claim text (required for a new claim).")] = None,
        reason: Annotated[str, typer.Option(help="Why (recorded in the audit log).")] = "claim edited",
        actor: Annotated[str, typer.Option(help="Who edits (recorded in the audit log).")] = "cli:claims",
        db: DbOption = None,
    ) -> None:
        """Add a claim or change its verdict/text."""
        from vigil.claims.storebank import apply_claims
        from vigil.errors import UsageError
        from vigil.model import Claim
        from vigil.store import open_store

        store = open_store(db_path(db))
        current = {c.claim_id: c for c in store.claims()}.get(claim_id)
        if current is None and not text:
            raise UsageError(f"claim {claim_id} is not in the bank: give --text to add it")
        data = current.model_dump() if current else {"claim_id": claim_id}
        if verdict is not None:
            data["verdict"] = verdict
        if text is not None:
            data["text"] = text
        changes = apply_claims(store, [Claim.model_validate(data)], actor=actor, reason=reason)
        out.print("unchanged" if not changes else f"{changes[0].action} {claim_id}"
                  + (" (verdict changed)" if changes[0].verdict_changed else ""))
