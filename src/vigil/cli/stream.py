"""`vigil stream`: consume accounts/posts/reports from Kafka, produce findings (FORMATS.md "Engines and streams")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vigil.cli.common import DbOption, db_path, err, out, readable
from vigil.errors import UsageError


def stream(
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers, HOST:PORT.")],
    in_topic: Annotated[str, typer.Option("--in", help="Topic of {type, record} messages.")],
    out_topic: Annotated[str, typer.Option("--out", help="Topic to produce findings to.")],
    registry: Annotated[Path, typer.Option(help="Protected-entity registry.")],
    claims: Annotated[Path | None, typer.Option(help="Fact-checked claims file.")] = None,
    credentials: Annotated[Path | None, typer.Option(help="Credentials registry file.")] = None,
    group: Annotated[str, typer.Option(help="Consumer group id (a new group starts at the earliest offset).")] = "vigil-stream",
    threshold: Annotated[float | None, typer.Option(help="Override every detector's threshold.")] = None,
    db: DbOption = None,
) -> None:
    """Consume {type, record} messages from Kafka and produce findings; on SIGINT/SIGTERM commit and exit 0."""
    from vigil.pipeline import load_inputs
    from vigil.store import open_store
    from vigil.streaming import run_stream

    if ":" not in bootstrap:
        raise UsageError("--bootstrap must be HOST:PORT")
    paths = {"entities": readable(registry, "--registry"), "claims": readable(claims, "--claims"),
             "credentials": readable(credentials, "--credentials")}
    inputs = load_inputs(paths)
    store = open_store(db_path(db))
    store.upsert_records("entities", inputs.entities)
    try:
        stats = run_stream(bootstrap, in_topic, out_topic, inputs.resources, store, group=group, threshold=threshold,
                           on_ready=lambda: err.print("vigil stream: ready", highlight=False),
                           log=lambda s: err.print(s, highlight=False, soft_wrap=True))
    finally:
        store.close()
    out.print(f"{stats.messages} messages, {stats.findings} findings produced, {stats.duplicates} already seen, "
              f"{stats.quarantined} quarantined", highlight=False, soft_wrap=True)


def register(app: typer.Typer, export_app: typer.Typer) -> None:
    app.command("stream")(stream)
