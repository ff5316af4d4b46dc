"""The console entry point: registers the commands on `app`, maps errors to exit codes.

Before Typer is imported (~0.1 s), `run` puts the second core to work for the commands that
read sources: a child that readies validation for small documents, or, for big YAML files,
their parse while a thread imports the command line (`_start_early`).

The command modules keep their heavy imports inside the command functions, so that
`restcheck check FILE` loads neither httpx nor jsonschema; and only the module of the
command named is imported, so that Typer builds only its options (the help, completion and
anything else get every command).
"""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module
from typing import NoReturn

from checker.errors import (
    EXIT_CLEAN,
    EXIT_INTERRUPTED,
    EXIT_UNUSABLE,
    Interrupted,
    RestcheckError,
)

# The module that registers each command (importing it does).
MODULES = {
    "check": "check",
    "baseline": "check",
    "rules": "check",
    "explain": "check",
    "diff": "diff",
    "export": "export",
    "init": "init",
    "probe": "probe",
    "review": "review",
}


# Commands whose arguments are sources: big YAML files among them are read ahead.
READS_SOURCES = {"check", "diff", "review"}


def command_named(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def register(argv: list[str]) -> None:
    """Import the module of the command `argv` names, or every command module."""
    named = command_named(argv)
    completing = any(name.endswith("_COMPLETE") for name in os.environ)
    wanted = [MODULES[named]] if named in MODULES and not completing else MODULES.values()
    for module in dict.fromkeys(wanted):
        import_module(f"checker.cli.{module}")


def _import_command(argv: list[str]) -> None:
    """What `main` imports for a command that reads sources, and the engine and rules."""
    import typer  # noqa: F401

    import checker.cli.app  # noqa: F401
    from checker.engine.catalogue import all_rules
    from checker.engine.runner import lint_all  # noqa: F401

    register(argv)
    all_rules()


def _start_early(argv: list[str]) -> None:
    """Put the second core to work before Typer is imported (~0.1 s of imports): for small
    sources, a child that imports jsonschema-rs and compiles the meta-schemas, to validate
    them when they come (checker.background.serve); big YAML files are parsed now, while a
    thread imports the command line (checker.load.source.read_ahead). A big document gets a
    child of its own once loaded."""
    from checker import background

    sizes = [_file_size(arg) for arg in argv if not arg.startswith("-")]
    if sum(sizes) < background.FORK_ABOVE:
        from checker.validate import validate, warm

        background.serve(validate, warm)
    else:
        from checker.load.source import read_ahead

        read_ahead(argv, lambda: _import_command(argv))


def _file_size(arg: str) -> int:
    try:
        return os.stat(arg).st_size
    except (OSError, ValueError):
        return 0  # not a file (the command's name, a URL, `-`): nothing to read ahead


def main(argv: list[str] | None = None) -> int:
    """Run the command line; every failure becomes an exit code and at most one line."""
    import typer

    from checker.cli.app import app

    register(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=argv, prog_name="restcheck", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        print("restcheck: interrupted", file=sys.stderr)
        return EXIT_UNUSABLE
    except typer.TyperException as exc:  # click's usage errors, as Typer raises them
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `restcheck`: the help
            print(exc.format_message() if hasattr(exc, "format_message") else exc)
            return EXIT_CLEAN
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "restcheck"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"restcheck: {message} (see `{command} --help`)", file=sys.stderr)
        return EXIT_UNUSABLE
    except RestcheckError as exc:
        print(f"restcheck: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("restcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Interrupted as exc:  # a probe stopped by a signal: it says what it cleaned up
        print(f"restcheck: {exc or 'interrupted'}", file=sys.stderr)
        return exc.exit_code
    return result if isinstance(result, int) else EXIT_CLEAN


def run() -> NoReturn:
    """The console script: `main`, with the cyclic garbage collector off and no teardown.

    One run builds little cyclic garbage, but a big document makes the collector walk its
    hundreds of thousands of objects again and again (5-10% of a `check`); and freeing them
    one by one at exit costs as much again, for memory the operating system takes back at
    once. Every file is closed by then: only the standard streams need flushing."""
    gc.disable()
    argv = sys.argv[1:]
    if command_named(argv) in READS_SOURCES:
        try:
            _start_early(argv)
        except KeyboardInterrupt:
            print("restcheck: interrupted", file=sys.stderr)
            os._exit(EXIT_INTERRUPTED)
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # a reader that stopped early (`| head`): nothing left to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
