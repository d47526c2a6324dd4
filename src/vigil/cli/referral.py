"""`vigil export referral`, `vigil referral keygen|verify|import`: signed exchange between agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, out, readable, writable_parent
from vigil.errors import VigilError

referral_app = typer.Typer(help="Signed referrals of findings and decisions between agencies.", no_args_is_help=True)

TrustOption = Annotated[list[Path], typer.Option("--trust", help="Trusted public key(s) of the sending agency.")]


@referral_app.command("keygen")
def keygen_cmd(key: Annotated[Path, typer.Option("--out", help="Private key file to create (KEY.pub beside it).")]) -> None:
    """Create an Ed25519 signing key pair."""
    from vigil.transparency.referral import key_id, keygen, load_public

    writable_parent(key, "--out")
    priv, pub = keygen(key)
    out.print(f"private key {priv} (keep it secret); public key {pub}; key id {key_id(load_public(pub))}",
              highlight=False, soft_wrap=True)


@referral_app.command("verify")
def verify_cmd(bundle: Annotated[Path, typer.Argument(help="Bundle file.")], trust: TrustOption) -> None:
    """Check a bundle's origin and integrity without importing it (exit 1 when it fails)."""
    import orjson

    from vigil.transparency.referral import load_public, verify_bundle

    readable(bundle, "BUNDLE")
    try:
        body = orjson.loads(bundle.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise VigilError(f"{bundle} is not JSON: {exc}") from exc
    verify_bundle(body, [load_public(p) for p in trust])
    out.print(f"ok: signed by {body['origin']['agency']} (key {body['origin']['key_id']}), "
              f"{body['counts']['findings']} findings, {body['counts']['decisions']} decisions", highlight=False)


@referral_app.command("import")
def import_cmd(bundle: Annotated[Path, typer.Argument(help="Bundle file.")], trust: TrustOption,
               db: DbOption = None) -> None:
    """Verify a bundle against trusted keys and import its items once (re-imports add nothing)."""
    from vigil.store import open_store
    from vigil.transparency.referral import import_bundle, load_public

    readable(bundle, "BUNDLE")
    keys = [load_public(p) for p in trust]
    store = open_store(db_path(db))
    try:
        res = import_bundle(store.conn, bundle, keys)
    finally:
        store.close()
    out.print(f"imported from {res.agency} (key {res.key_id}): {res.new.get('finding', 0)} new findings, "
              f"{res.new.get('decision', 0)} new decisions, {res.already} already present", highlight=False,
              soft_wrap=True)


def export_referral(
    key: Annotated[Path, typer.Option("--key", help="Private Ed25519 key (from `vigil referral keygen`).")],
    out_path: Annotated[Path, typer.Option("--out", help="Bundle file to write.")],
    agency: Annotated[str, typer.Option(help="Name of the sending agency.")] = "vigil",
    db: DbOption = None,
) -> None:
    """Write a signed bundle of this store's findings and decisions."""
    from vigil.store import open_store
    from vigil.transparency.referral import export_bundle

    readable(key, "--key")
    path = db_path(db)
    if not path.exists():
        raise VigilError(f"no store at {path} (use --db or $VIGIL_DB)")
    writable_parent(out_path, "--out")
    store = open_store(path)
    try:
        counts = export_bundle(store.conn, key, out_path, agency)
    finally:
        store.close()
    out.print(f"{counts['findings']} findings and {counts['decisions']} decisions signed into {out_path}",
              highlight=False, soft_wrap=True)


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    app.add_typer(referral_app, name="referral")
    export_app.command("referral")(export_referral)
