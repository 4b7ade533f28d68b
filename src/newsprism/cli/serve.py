"""`newsprism serve`: the web pages and the HTTP API over the store."""

from __future__ import annotations

import click

from newsprism.cli.app import Context, fail, main, pass_ctx
from newsprism.errors import NewsprismError


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (reads scale across cores).")
@click.option("--warm", default=20, show_default=True, type=click.IntRange(0),
              help="Build the pages of the latest N stories in the background at startup.")
@click.option("--token", default=None,
              help="Bearer token enabling POST /api/articles (else the api_token setting).")
@pass_ctx
def serve(ctx: Context, host: str, port: int, workers: int, warm: int, token: str | None) -> None:
    """Serve the web UI and the HTTP API (read-only unless a token is set) until Ctrl-C."""
    from newsprism.web import address
    from newsprism.web import serve as run

    settings = ctx.settings
    if token:
        settings.set("api_token", token, "flag serve --token")
    _check_port(host, port)
    click.echo(f"newsprism: serving {settings.db} at {address(host, port)} (API docs at "
               f"{address(host, port)}docs); Ctrl-C stops")
    try:
        run(settings.db, host, port, settings, workers=workers, warm=warm)
    except NewsprismError as exc:
        raise fail(exc) from exc


def _check_port(host: str, port: int) -> None:
    """A clear error (exit 1) before saying "serving" when the address cannot be listened on."""
    import socket

    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}: {exc.strerror or exc}") from exc
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as exc:
            raise click.ClickException(
                f"cannot serve on {host}:{port}: {exc.strerror or exc} (another server is using it?"
                " pick another with --port)") from exc
