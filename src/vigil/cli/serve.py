"""`vigil serve` (REST API + reviewer console) and `vigil token create`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path
from vigil.errors import UsageError

token_app = typer.Typer(help="API tokens for the REST API and the console.", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    db: DbOption = None,
    policy: Annotated[Path | None, typer.Option(help="Policy YAML (default: built-in).")] = None,
    rate_limit: Annotated[int | None, typer.Option(
        "--rate-limit", help="Reports a minute per reporter (default $VIGIL_RATE_LIMIT, else 60).")] = None,
) -> None:
    """Serve the REST API (/api/v1, /openapi.json, /docs) and the reviewer console (/console/)."""
    import uvicorn

    from vigil.api import create_app

    if not 0 < port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    if rate_limit is not None and rate_limit < 1:
        raise UsageError("--rate-limit must be at least 1")
    app = create_app(db_path(db), policy_path=policy, rate_limit=rate_limit, background_checkpoints=True)
    print(f"vigil: serving on http://{host}:{port}/ (console at /console/, docs at /docs)", file=sys.stderr,
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="reporter | intake | reviewer | admin")],
    name: Annotated[str | None, typer.Option(help="Who holds it (reporters: the reporter id).")] = None,
    account: Annotated[str | None, typer.Option(
        help="PLATFORM/ACCOUNT_ID: a reporter token for that account's holder, who may appeal its decisions.")] = None,
    db: DbOption = None,
) -> None:
    """Print a new API token (shown once; only its hash is stored)."""
    from vigil.api.tokens import check_token_args, create_token
    from vigil.store import open_store

    try:  # before the store is opened: bad arguments create no file
        check_token_args(role, account)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    store = open_store(db_path(db))
    with store.transaction() as conn:
        secret = create_token(conn, role, name, account=account)
    store.close()
    sys.stdout.write(secret + "\n")


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(token_app, name="token")
