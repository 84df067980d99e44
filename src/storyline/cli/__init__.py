"""The command line: `storyline build | export | serve` and the read commands `stories |
articles | entities | clusters | quotes | events | timeline | brief`, one module per group.

Exit status is 0 whenever something useful was done; bad inputs are reported one line each
and do not stop the run. Usage and store errors print one line and exit with 2. Every command
takes --db, --config, -q and -v (common.py); the read commands and the export take the same
filters (store/filters.py), and the read commands the same --format (output.py).
"""

from __future__ import annotations

import argparse
import sys

from storyline import __version__
from storyline.cli.build import add_build_command
from storyline.cli.export import add_export_command
from storyline.cli.reads import add_read_commands
from storyline.cli.serve import add_serve_command
from storyline.export.output import quiet_stdout
from storyline.model.printable import printable
from storyline.settings import load_settings
from storyline.store.database import StoreError

EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: the process's arguments); the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        settings = load_settings(args.config, db=args.db, **_setting_flags(args))
        code = args.handler(args, settings)
        sys.stdout.flush()
        return code
    except (ValueError, StoreError) as error:
        print(f"storyline: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        quiet_stdout()  # the reader went away (`| head`): nothing is wrong
        return 0
    except OSError as error:
        # What the system refused that no command foresaw (standard output on a full disk, a
        # file that went away): one line all the same.
        quiet_stdout()
        where = f"{printable(str(error.filename))}: " if error.filename else ""
        print(f"storyline: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Turn news reports about an unfolding story into a cited, dated account."
    )
    parser.add_argument("-V", "--version", action="version", version=f"storyline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_build_command(commands)
    add_export_command(commands)
    add_serve_command(commands)
    add_read_commands(commands)
    return parser


def _setting_flags(args: argparse.Namespace) -> dict[str, object]:
    names = ("workers", "batch_size", "max_document_bytes")
    return {name: getattr(args, name, None) for name in names}
