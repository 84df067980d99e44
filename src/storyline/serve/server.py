"""Run the server: check the address is safe to serve on, then hand the app to uvicorn.

Imported only by `storyline serve`: FastAPI and uvicorn stay out of every other command.
"""

from __future__ import annotations

import socket
import sys

from storyline.serve.options import ServeOptions
from storyline.serve.security import TOKEN_PARAMETER, check_binding


def serve(options: ServeOptions) -> int:
    import uvicorn

    from storyline.serve.app import create_app

    check_binding(options.host, options.token)
    _check_free(options.host, options.port)
    app = create_app(options)
    shown = f"[{options.host}]" if ":" in options.host else options.host
    address = f"http://{shown}:{options.port}/"
    if options.log_level != "error":
        print(f"storyline: serving {options.db} at {address}" + (" (read-only)" if options.read_only else ""), file=sys.stderr)
    if options.token and options.log_level != "error":
        print(
            f"storyline: open {address}?{TOKEN_PARAMETER}={options.token} once; API clients send `Authorization: Bearer <token>`",
            file=sys.stderr,
        )
    uvicorn.run(app, host=options.host, port=options.port, log_level=options.log_level, server_header=False)
    return 0


def _check_free(host: str, port: int) -> None:
    """Refuse in one line an address that cannot be listened on (uvicorn would log a traceback)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise ValueError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
