"""The Typer app every command registers on, the options they share, and output helpers.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the input or the
invocation is unusable (one line on stderr, never a traceback; see checker.errors).
"""

import contextlib
import math
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from checker.errors import UsageError
from checker.version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from checker.engine.config import Config
    from checker.engine.findings import Finding, Notice
    from checker.engine.runner import Checked
    from checker.load.source import Source

app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Check OpenAPI documents (as FastAPI generates them) against Polar's REST API guidelines.",
)

# Options shared by the commands that read specs (check, baseline, review, diff).
ConfigFile = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Configuration file (default: restcheck.toml, .restcheck.yaml or "
        "pyproject.toml [tool.restcheck], found upwards from the working directory).",
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(help="Only these rules or areas (comma-separated); replaces the file's."),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(help="Skip these rules or areas (comma-separated); adds to the file's."),
]
Headers = Annotated[
    list[str] | None, typer.Option(help="HTTP header for URL sources, 'Name: value'.")
]


def color_mode(value: str) -> str:
    from checker.words import COLOR_MODES

    if value not in COLOR_MODES:
        raise typer.BadParameter(f"'{value}': expected one of {', '.join(COLOR_MODES)}")
    return value


Color = Annotated[
    str,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour text output: auto (a terminal, honouring NO_COLOR and FORCE_COLOR), "
        "always or never.",
        callback=color_mode,
    ),
]
AppOption = Annotated[
    str | None,
    typer.Option(
        "--app",
        metavar="MODULE:ATTR",
        help="Check a FastAPI app instead of (or besides) files: imported here, as pytest "
        "imports tests; MODULE:factory() calls a factory. Findings point at its Python code.",
    ),
]
AppDir = Annotated[
    str | None,
    typer.Option(
        "--app-dir", metavar="DIR", help="Put DIR first on the import path for --app (default: .)."
    ),
]
MAX_TIMEOUT = 86400.0  # a day; socket timeouts overflow (OverflowError) long before `inf`


def finite(value: float) -> float:
    """--timeout's check: a number of seconds (click lets `nan` and `inf` through)."""
    if not math.isfinite(value) or value > MAX_TIMEOUT:
        raise typer.BadParameter(f"{value:g}: expected a number of seconds up to {MAX_TIMEOUT:g}")
    return value


Timeout = Annotated[
    float,
    typer.Option(
        help="Seconds a URL source's whole answer may take (redirects and body included).",
        min=0.001,
        callback=finite,
    ),
]
MaxSize = Annotated[
    int,
    typer.Option(
        "--max-size",
        metavar="MB",
        help="Refuse an answer whose (decompressed) body is larger than this, in MB.",
        min=1,
    ),
]


def fail(message: str) -> NoReturn:
    raise UsageError(message)


def split_ids(values: list[str] | None) -> set[str]:
    return {part.strip() for v in values or [] for part in v.split(",") if part.strip()}


# A header's name: an HTTP token (RFC 9110). Its value: Latin-1 without control characters.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def headers_of(values: list[str] | None) -> dict[str, str]:
    """`--header 'Name: value'` values as a mapping. An error names the header by the start of
    its name, never by its value (it is often a secret)."""
    headers = {}
    for value in values or []:
        name, sep, content = value.partition(":")
        name = name.strip()
        if not sep or not name:
            fail(f"--header '{_shown(value)}': expected 'Name: value'")
        if not _TOKEN.fullmatch(name):
            fail(
                f"--header '{_shown(name)}': a header name is ASCII letters, digits "
                "and !#$%&'*+-.^_`|~ (no spaces)"
            )
        content = content.strip()
        try:
            content.encode("latin-1")
        except UnicodeEncodeError:
            fail(
                f"--header '{name}: ...': the value has a character that is not Latin-1 "
                "(encode it, e.g. percent-encoding or base64)"
            )
        if _CONTROL.search(content):
            fail(f"--header '{name}: ...': the value has a control character (a line break?)")
        headers[name] = content
    return headers


def _shown(text: str) -> str:
    """The start of a header as an error may show it: up to the first character that cannot
    be in a name (a space, `=`, `:`, a letter that is not ASCII), then `...`."""
    stripped = text.strip()
    match = _TOKEN.match(stripped)
    start = match.group(0) if match else ""
    return start if start == stripped else f"{start} ..."


def refuse_overwriting(outputs: Iterable[Path | None], sources: Iterable[str]) -> None:
    """A report or baseline file must not be one of the SOURCE files: writing it would
    replace the spec being checked."""
    inputs = [Path(s) for s in sources if s != "-" and not s.startswith(("http://", "https://"))]
    for output in outputs:
        if output is None or not output.exists():
            continue
        for source in inputs:
            with contextlib.suppress(OSError):
                if output.samefile(source):
                    fail(f"--output {output}: is the SOURCE {source}; it would be overwritten")


def write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"--output {output}: cannot write: {exc.strerror}")


def destinations(formats: list[str] | None, output: Path | None) -> list[tuple[str, Path | None]]:
    """Pair each `--format F[:FILE]` with where it goes (None: stdout).

    A format with `:FILE` writes that file (`F:-` is stdout); `--output FILE` is the file of
    the one format without its own (the classic `--format json --output report.json`); the
    others go to stdout, where at most one report may go."""
    from checker.report import FORMATS

    pending: list[int] = []
    pairs: list[tuple[str, Path | None]] = []
    for value in formats or ["text"]:
        name, sep, file = value.partition(":")
        if name not in FORMATS:
            fail(f"--format '{value}': expected one of {', '.join(FORMATS)} (or F:FILE)")
        if sep and not file:
            fail(f"--format '{value}': no file after ':' (use '{name}:-' for stdout)")
        if not sep:
            pending.append(len(pairs))
        pairs.append((name, Path(file) if sep and file != "-" else None))
    if output is not None:
        if len(pending) != 1:
            without = ", ".join(pairs[i][0] for i in pending) or "none"
            fail(
                f"--output {output}: names the file of the one --format without ':FILE' "
                f"(here: {without}); write each as --format F:FILE, "
                "e.g. --format sarif:report.sarif --format text"
            )
        pairs[pending[0]] = (pairs[pending[0]][0], output)
    to_stdout = [name for name, file in pairs if file is None]
    if len(to_stdout) > 1:
        fail(
            f"--format: {len(to_stdout)} reports would go to stdout ({', '.join(to_stdout)}); "
            "give all but one a file as --format F:FILE"
        )
    files = [file.resolve() for _, file in pairs if file is not None]
    if len(set(files)) != len(files):
        fail("--format: two reports would write the same file")
    return pairs


def config_of(
    config_file: str | None, select: list[str] | None, ignore: list[str] | None
) -> "Config":
    """The configuration file's settings, with --select (replaces) and --ignore (adds)."""
    from checker.engine.config import configured

    return configured(config_file, split_ids(select), split_ids(ignore), "--select/--ignore")


def version_callback(value: bool) -> None:
    if value:
        print(f"restcheck {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = None,
) -> None:
    """Check OpenAPI documents against Polar's REST API guidelines."""


def lint_arguments(
    arguments: list[str],
    config: "Config",
    headers: dict[str, str],
    timeout: float,
    keep: "Callable[[list[Finding]], list[Finding]] | None" = None,
    max_size: int = 100,
    app: str | None = None,
    app_dir: str | None = None,
) -> "list[Checked]":
    """Load each SOURCE argument and lint it (checker.engine.runner.lint_all); the notices
    go to stderr as warning lines. `max_size` (MB) caps each URL source's answer."""
    from checker.cli.progress import Progress
    from checker.engine.runner import lint_all
    from checker.load.source import load

    with Progress() as progress:

        def loaded() -> "Iterator[Source]":
            total = len(arguments) + (app is not None)
            for number, argument in enumerate(arguments, 1):
                of = f" ({number} of {total})" if total > 1 else ""
                progress.stage(f"reading {argument}{of}")
                source = load(argument, headers, timeout, max_size)
                progress.stage(f"checking {argument}{of}")
                yield source
            if app is not None:
                progress.stage(f"importing {app}")
                source = load_app_source(app, app_dir)
                progress.stage(f"checking {app}")
                yield source

        results = lint_all(loaded(), config, keep)
    print_notices([n for result in results for n in result.notices])
    return results


def load_app_source(app: str, app_dir: str | None) -> "Source":
    """The document of a FastAPI app (`--app`), with where its code is."""
    from checker.load.app import load_app

    return load_app(app, app_dir)[0]


def sources_given(sources: list[str] | None, app: str | None) -> list[str]:
    """The SOURCE arguments; none is fine with --app, else one is needed."""
    if not sources and app is None:
        fail("Missing argument 'SOURCE...' (or --app MODULE:ATTR)")
    return list(sources or [])


def print_notices(notices: "list[Notice]") -> None:
    """Notices (e.g. an unknown rule in x-restcheck-ignore) as warning lines on stderr."""
    for notice in notices:
        where = f"{notice.source}:{notice.line or 1}:{notice.column or 1}"
        print(f"restcheck: warning: {where}: {notice.message}", file=sys.stderr)
