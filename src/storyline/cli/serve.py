"""`storyline serve`: the stored story in a browser, and its records as a JSON API.

FastAPI and uvicorn are imported when the command runs, never by the other commands.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from storyline.cli.common import Voice, add_common
from storyline.settings import Settings


def add_serve_command(commands) -> None:
    serve = commands.add_parser("serve", help="browse the stored story in a web browser, and read its records as a JSON API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: only this machine; else --token)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--token", help="a secret every request must carry (Authorization: Bearer T, or open a page once with ?token=T)")
    serve.add_argument("--read-only", action="store_true", help="no uploads and no builds: write nothing, not even the search index")
    serve.add_argument("--max-upload-files", type=int, default=20, metavar="N", help="files one upload may hold (default 20)")
    serve.add_argument("--max-upload-mb", type=int, default=50, metavar="MB", help="size one upload may have in all (default 50)")
    add_common(serve)
    serve.set_defaults(handler=serve_command)


def serve_command(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.serve.options import ServeOptions
    from storyline.serve.server import serve

    if not Path(settings.db).is_file():
        raise ValueError(f"{settings.db}: no such store; run `storyline build PATH --db {settings.db}` first")
    if args.max_upload_files < 1 or args.max_upload_mb < 1:
        raise ValueError("--max-upload-files and --max-upload-mb must be at least 1")
    voice = Voice(args)
    options = ServeOptions(
        db=Path(settings.db).resolve(),
        host=args.host,
        port=args.port,
        token=args.token or settings.token or None,
        read_only=args.read_only,
        config=str(Path(args.config).resolve()) if args.config else None,
        max_upload_files=args.max_upload_files,
        max_upload_bytes=args.max_upload_mb * 1_000_000,
        settings=settings,
        # -q: errors only, not even where it listens; -v: every request.
        log_level="error" if voice.quiet else ("info" if voice.verbose else "warning"),
    )
    return serve(options)
