"""The `dateline` command for operators.

dateline setup [--demo]   migrate, create editions, roles and the first account
dateline demo             create the demo stories (idempotent)
dateline serve            the site on http://127.0.0.1:8000 (--host, --port) with the background worker;
                          --live-port N: the live streams also from a server of their own, for nginx
dateline worker           background tasks and scheduled publishing only
dateline newsletter send N  send a newsletter mailing, with a progress bar
dateline backup DIR       a consistent copy of the running site: database, keys, media
dateline restore DIR      put a backup back (into a new data directory or empty database)
dateline nginx-config     the nginx server block answering cached pages from DATELINE_PAGE_STORE_DIR
dateline manage …         any Django management command
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

from dateline.supervisor import Child, Supervisor, configure_logging

DEFAULT_SETTINGS = "config.settings.dev"


def _manage(arguments: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dateline manage", *arguments])
    return 0


def granian_command(host: str, port: int, workers: int) -> list[str]:
    """The granian invocation Dateline is served with (measured: see bench/README.md).

    Static files and media are served by the application (`dateline.asgi.files`), which adds the
    headers granian's own file serving cannot."""
    granian = Path(sys.executable).with_name("granian")
    return [
        str(granian) if granian.exists() else "granian",
        "--interface", "asgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--http", "1",
        "--no-ws",
        # Not "rust": granian's Rust tasks (2.8.9) kept every future a request awaited, with its
        # result, so every response Django made stayed in memory (tests/asgi/test_served_memory.py).
        "--task-impl", "asyncio",
        # Measured: 5–15% more cached pages a second over asyncio's own loop (bench/README.md).
        "--loop", "uvloop",
        # Live streams hold a request open for hours: allow many more than the default 1024.
        "--backpressure", "20000",
        "--backlog", "4096",
        "--log-level", "warning",
        "config.asgi:application",
    ]  # fmt: skip


def listening_address(host: str, port: int) -> str:
    """The address a server on `host` and `port` answers at, as a URL ("http://[::1]:8000")."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def served_address(host: str, port: int) -> str:
    """The public address when DATELINE_BASE_URL names none: where the server listens, or the
    loopback address for a server on every interface (0.0.0.0, ::), which no link can name."""
    try:
        if ipaddress.ip_address(host).is_unspecified:
            host = "::1" if ":" in host else "127.0.0.1"
    except ValueError:
        pass  # a host name
    return listening_address(host, port)


def site_environment(environment: Mapping[str, str], host: str, port: int) -> dict[str, str]:
    """The environment of the site's processes: DATELINE_BASE_URL, the one public address every
    link is written with, is the operator's, or else the address served on."""
    return {
        **environment,
        "DATELINE_BASE_URL": environment.get("DATELINE_BASE_URL") or served_address(host, port),
    }


def live_server_command(host: str, port: int) -> list[str]:
    """Dateline's own live-stream server (`dateline.live.server`) on `host` and `port`."""
    return [
        sys.executable, "-m", "dateline.cli", "manage", "live_server", "--host", host, "--port", str(port),
    ]  # fmt: skip


def serve(arguments: argparse.Namespace) -> int:
    """Run the site under the supervisor: granian, and the background work in its process (or in
    a worker process of its own with --worker-process), and with --live-port the live server.
    No Django is imported here."""
    configure_logging()
    if arguments.live_port == arguments.port:
        print("--live-port must be another port than --port: the live server listens beside granian.")
        return 1
    for port, option in ((arguments.port, "--port"), (arguments.live_port, "--live-port")):
        if port is not None and not port_is_free(arguments.host, port):
            print(f"Port {port} on {arguments.host} is in use: stop what holds it, or pass {option}.")
            return 1
    environment = site_environment(os.environ, arguments.host, arguments.port)
    server_environment = dict(environment)
    if not arguments.no_worker and not arguments.worker_process:
        server_environment["DATELINE_BACKGROUND_IN_SERVER"] = "1"
    command = granian_command(arguments.host, arguments.port, arguments.workers)
    children = [Child("server", command, server_environment)]
    if arguments.live_port is not None:
        live = live_server_command(arguments.host, arguments.live_port)
        children.append(Child("live server", live, environment))
    if arguments.worker_process:
        worker = [sys.executable, "-m", "dateline.cli", "worker"]
        children.append(Child("background worker", worker, environment))
    print(serving_message(environment["DATELINE_BASE_URL"], arguments.host, arguments.port), flush=True)
    if arguments.live_port is not None:
        print(live_message(arguments.host, arguments.live_port), flush=True)
    return Supervisor(children).run()


def serving_message(public: str, host: str, port: int) -> str:
    """The one line `serve` prints as it starts: where readers and the newsroom find the site."""
    listening = listening_address(host, port)
    where = f"{public}/" if public == listening else f"{public}/ from {listening}/"
    message = f"Dateline is serving {where} (newsroom: {public}/newsroom/). Ctrl+C stops it."
    if public == served_address(host, port) and public != listening:
        message += f"\nLinks name {public}: set DATELINE_BASE_URL to the address readers use."
    return message


def live_message(host: str, port: int) -> str:
    """What `serve --live-port` adds: where the live server listens, for the proxy in front."""
    return (
        f"Live streams (/live/) are also served from {listening_address(host, port)}/: "
        "route /live/ there (dateline nginx-config --live-upstream)."
    )


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dateline", description="Dateline news platform")
    commands = parser.add_subparsers(dest="command", required=True)
    setup = commands.add_parser("setup", help="migrate and create editions, roles and the first account")
    setup.add_argument("--demo", action="store_true", help="also create the demo stories")
    setup.add_argument("--host", default="127.0.0.1", help="the host `serve` will be given (for the address)")
    setup.add_argument(
        "--port", type=int, default=8000, help="the port `serve` will be given (for the address)"
    )
    commands.add_parser("demo", help="create the demo stories (idempotent)")
    serve_parser = commands.add_parser("serve", help="serve the site with the background worker")
    serve_parser.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (0.0.0.0: every interface)"
    )
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="the port; links name it unless DATELINE_BASE_URL is set"
    )
    serve_parser.add_argument("--workers", type=int, default=1, help="server processes")
    serve_parser.add_argument(
        "--no-worker", action="store_true", help="no background work here (separate `dateline worker`s do it)"
    )
    serve_parser.add_argument(
        "--live-port",
        type=int,
        default=None,
        help="also serve /live/ from Dateline's own live server on this port (for many readers behind nginx)",
    )
    serve_parser.add_argument(
        "--worker-process",
        action="store_true",
        help="background work in a process of its own instead of the server's threads",
    )
    commands.add_parser("worker", help="background tasks and scheduled publishing")
    newsletter = commands.add_parser("newsletter", help="send newsletter mailings (newsletter send N)")
    newsletter.add_argument("arguments", nargs=argparse.REMAINDER)
    backup = commands.add_parser("backup", help="back up the database, keys and media while the site runs")
    backup.add_argument("directory")
    restore = commands.add_parser("restore", help="restore a backup into this data directory or database")
    restore.add_argument("directory")
    restore.add_argument("--replace", action="store_true", help="overwrite an existing database and keys")
    nginx = commands.add_parser("nginx-config", help="print nginx's server block for the page store")
    nginx.add_argument("--store", default="", help="the page store (default: DATELINE_PAGE_STORE_DIR)")
    nginx.add_argument("--upstream", default="127.0.0.1:8000", help="where `dateline serve` listens")
    nginx.add_argument("--listen", default="8080", help="nginx's listen directive")
    nginx.add_argument(
        "--live-upstream", default="", help="where `dateline serve --live-port` serves /live/ (host:port)"
    )
    nginx.add_argument(
        "--file-cache",
        default="0",
        help="seconds nginx may keep files open (a purged page is served that long)",
    )
    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)

    arguments = parser.parse_args(argv)
    if arguments.command == "serve":
        return serve(arguments)
    if arguments.command == "manage":
        return _manage(arguments.arguments)
    if arguments.command == "newsletter":
        return _manage(["newsletter", *arguments.arguments])
    if arguments.command == "backup":
        return _manage(["backup", arguments.directory])
    if arguments.command == "restore":
        return _manage(["restore", arguments.directory, *(["--replace"] if arguments.replace else [])])
    if arguments.command == "nginx-config":
        options = ["--store", arguments.store, "--upstream", arguments.upstream, "--listen", arguments.listen]
        options += ["--file-cache", arguments.file_cache, "--live-upstream", arguments.live_upstream]
        return _manage(["nginx_config", *options])
    if arguments.command == "setup":
        # The newsroom address it prints, and the site's record, name the port the site will serve on.
        os.environ.update(site_environment(os.environ, arguments.host, arguments.port))
        return _manage(["setup", *(["--demo"] if arguments.demo else [])])
    return _manage([arguments.command])


if __name__ == "__main__":
    sys.exit(main())
