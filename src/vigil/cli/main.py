"""The `vigil` command: a thin Typer layer over the library; errors become one line on stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, err, out
from vigil.cli.scan import scan
from vigil.errors import VigilError

app = typer.Typer(name="vigil", help="Account-integrity enforcement campaigns, end to end.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
campaign_app = typer.Typer(help="Run enforcement campaigns.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
export_app = typer.Typer(help="Exports for regulators and other agencies.", no_args_is_help=True)
app.add_typer(campaign_app, name="campaign")
app.add_typer(audit_app, name="audit")
app.add_typer(export_app, name="export")
app.command("scan")(scan)


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write the dataset into.")],
    size: Annotated[int, typer.Option(help="Number of accounts.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same bytes).")] = 1,
) -> None:
    """Write a seeded synthetic multi-platform campaign dataset with ground truth."""
    from vigil.synth import generate

    if size < 1:
        raise VigilError("--size must be at least 1")
    counts = generate(size=size, seed=seed, out_dir=out_dir, progress=sys.stderr.isatty())
    for name, n in counts.items():
        out.print(f"{name}: {n}")
    out.print(str(out_dir.resolve()))


@campaign_app.command("run")
def campaign_run(
    data: Annotated[Path, typer.Option(help="Directory with entities/accounts/posts/claims/credentials/reports.")],
    policy: Annotated[Path | None, typer.Option(help="Policy YAML (default: built-in).")] = None,
    shadow: Annotated[bool, typer.Option("--shadow", help="Decide and report, apply nothing.")] = False,
    report_dir: Annotated[Path | None, typer.Option("--report", help="Also write the report here.")] = None,
    engine: Annotated[str, typer.Option(help="Detection engine: sqlite, duckdb or spark.")] = "sqlite",
    db: DbOption = None,
) -> None:
    """Ingest -> detect -> queue -> decide -> penalise. Safe to interrupt and run again."""
    from vigil.cli.campaign import run

    run(data, policy, shadow, report_dir, db_path(db), engine)


@app.command()
def report(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for report.html, report.csv, report.json.")],
    db: DbOption = None,
    shadow: Annotated[bool, typer.Option("--shadow", help="Include what shadow runs would have applied.")] = False,
) -> None:
    """Write the transparency report (HTML with charts, CSV, JSON)."""
    from vigil.cli.campaign import write_reports

    paths = write_reports(db_path(db), out_dir, shadow)
    out.print(str(paths["html"].resolve()), soft_wrap=True, highlight=False)


@app.command()
def expire(db: DbOption = None) -> None:
    """End every timed penalty whose end date has passed (suspensions lift by themselves)."""
    from datetime import UTC, datetime

    from vigil.enforcement import LedgerSink
    from vigil.store import open_store

    store = open_store(db_path(db))
    with store.transaction() as conn:
        n = LedgerSink(conn).expire_due(datetime.now(UTC))
    out.print(f"{n} timed penalties ended")


@audit_app.command("verify")
def audit_verify(db: DbOption = None) -> None:
    """Check the hash chain; exit 1 naming the first bad row."""
    from vigil import audit
    from vigil.store import open_store

    store = open_store(_existing(db_path(db)))
    ok, seq, message = audit.verify(store.conn)
    if ok:
        out.print(message)
        return
    err.print(f"audit log broken at seq {seq}: {message}", highlight=False)
    raise typer.Exit(1)


@audit_app.command("export")
def audit_export(
    out_path: Annotated[Path, typer.Option("--out", help="audit.jsonl to write.")], db: DbOption = None
) -> None:
    """Export the audit log as JSONL (verifiable without vigil)."""
    from vigil import audit
    from vigil.store import open_store

    store = open_store(_existing(db_path(db)))
    n = audit.export(store.conn, out_path)
    out.print(f"{n} audit rows written to {out_path}")


@app.command("match-claims")
def match_claims(
    claims: Annotated[Path, typer.Option(help="Claim bank (claims.jsonl).")],
    queries: Annotated[Path, typer.Option(help="Queries JSONL: {query_id, text}.")],
    out_path: Annotated[Path, typer.Option("--out", help="ranked.jsonl to write.")],
    top: Annotated[int, typer.Option(help="How many claims per query.")] = 5,
) -> None:
    """Rank the claim bank for each query post."""
    from vigil.claims.cli import match_claims_command
    from vigil.cli.common import readable, writable_parent

    readable(claims, "--claims")
    readable(queries, "--queries")
    writable_parent(out_path, "--out")
    if top < 1:
        raise VigilError("--top must be at least 1")
    match_claims_command(claims, queries, top, out_path)


@app.command()
def demo(
    db: DbOption = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Directory for the report files.")] = None,
    size: Annotated[int, typer.Option(help="Accounts to synthesise.")] = 10000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 2023,
) -> None:
    """Synthesise a campaign-sized sample, run the campaign, print a summary and the report's path."""
    from vigil.cli.campaign import demo as run_demo

    run_demo(db, out_dir, size, seed)


# Optional command groups live in their own modules, each with `register(app, export_app)`.
for _name in ("serve", "dsa", "stream", "referral", "backtest", "claimbank"):
    try:
        _mod = __import__(f"vigil.cli.{_name}", fromlist=["register"])
    except ModuleNotFoundError as _exc:
        if _exc.name != f"vigil.cli.{_name}":
            raise
        continue
    _mod.register(app, export_app)


def _existing(path: Path) -> Path:
    if not path.exists():
        raise VigilError(f"no store at {path} (use --db or $VIGIL_DB)")
    return path


def main() -> None:
    """Console entry point: user-facing errors are one line, never a traceback."""
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except VigilError as exc:
        err.print(f"vigil: {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except (typer.Exit, SystemExit) as exc:
        code = exc.exit_code if isinstance(exc, typer.Exit) else exc.code
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Abort:
        err.print("vigil: aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("vigil: interrupted")
        sys.exit(130)
    except Exception as exc:  # usage errors of the command-line parser
        if isinstance(exc, _click_errors()):
            hint = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            err.print(f"vigil: {hint}", highlight=False, soft_wrap=True)
            sys.exit(getattr(exc, "exit_code", 2))
        raise


def _click_errors() -> tuple[type[BaseException], ...]:
    """Typer vendors click as typer._click in recent releases; plain click in older ones."""
    found: list[type[BaseException]] = []
    for mod in ("typer._click.exceptions", "click.exceptions"):
        try:
            found.append(__import__(mod, fromlist=["ClickException"]).ClickException)
        except ImportError:
            continue
    return tuple(found)


if __name__ == "__main__":
    main()
