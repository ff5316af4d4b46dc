"""Loading a document: a file, `-` for stdin, or an http(s) URL.

JSON is parsed as JSON (surrogate-pair escapes included); YAML with a safe loader whose
mapping keys are always strings (YAML reads `200:` as an int) and whose timestamps stay
strings, so both formats give the same document. The text is kept for line numbers.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from checker import background
from checker.errors import InputError
from checker.load.files import Unreadable, read_text, value_problem

__all__ = ["SPEC_PATHS", "Format", "Source", "fetch_spec", "load", "load_file", "load_url"]
__all__ += ["parse", "read_ahead", "value_problem", "yaml_document"]

if TYPE_CHECKING:
    from checker.load import http
    from checker.load.code import CodeMap

Format = Literal["json", "yaml"]

# Where a server's base URL may serve its spec, tried in order.
SPEC_PATHS = ("openapi.json", "v1/openapi.json", "docs/openapi.json", "api/openapi.json")


@dataclass
class Source:
    name: str
    text: str
    format: Format
    document: dict[str, Any]
    # Memoised by checker.load.locate: line, column, key width; lazily, reported items only.
    positions: dict[str, tuple[int, int, int]] = field(default_factory=dict, repr=False)
    # For a FastAPI app (--app): where its routes and models are; None for documents.
    code: CodeMap | None = field(default=None, repr=False)


MAX_EXPANDED_NODES = 100_000
MAX_EXPANSION = 10
# Lone UTF-16 surrogates written as escapes (`\ud800`): no Unicode text holds them.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _expanded(document: Any) -> tuple[int, int]:
    """(nodes as written, nodes once aliases are expanded), counting shared nodes once for
    the first figure; linear in the written size."""
    sizes: dict[int, int] = {}
    order: list[Any] = []
    stack = [document]
    while stack:  # depth first, children before parents when sizes are summed
        node = stack.pop()
        if id(node) in sizes or not isinstance(node, dict | list):
            continue
        sizes[id(node)] = 0
        order.append(node)
        stack.extend(node.values() if isinstance(node, dict) else node)
    for node in reversed(order):
        children = node.values() if isinstance(node, dict) else node
        sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
    return len(order), sizes.get(id(document), 1)


def _lone_surrogate(text: str) -> re.Match[str] | None:
    """The first `\\uD800`-`\\uDFFF` escape that is not half of a surrogate pair."""
    matches = list(_SURROGATE.finditer(text))
    paired: set[int] = set()
    for first, second in itertools.pairwise(matches):
        high = first.group()[2].lower() == "d" and first.group()[3].lower() in "89ab"
        low = second.group()[3].lower() in "cdef"
        if high and low and second.start() == first.end():
            paired.update((first.start(), second.start()))
    return next((m for m in matches if m.start() not in paired), None)


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return found


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def parse(text: str, name: str, fmt: Format | None = None) -> Source:
    """Parse text as JSON or YAML (sniffed when fmt is None) into a Source."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise InputError(f"{name}: the document is empty")
    if fmt is None:
        fmt = "json" if stripped[0] in "{[" else "yaml"
    if stripped[0] == "<":
        raise InputError(f"{name}: got HTML or XML, expected an OpenAPI document in JSON or YAML")
    lone = _lone_surrogate(stripped) if "\\u" in stripped else None
    if lone is not None:
        where = _where(stripped, lone.start())
        raise InputError(f"{name}:{where}: {lone.group()} is half a surrogate pair, not Unicode")
    document: Any
    if fmt == "json":
        try:
            document = json.loads(
                stripped, parse_constant=_reject_constant, object_pairs_hook=_unique_keys
            )
        except json.JSONDecodeError as exc:
            if stripped[0] not in "{[":
                # A .json name on a YAML text: accept it rather than fail on the suffix.
                return parse(text, name, "yaml")
            ends_early = exc.pos >= len(stripped.rstrip())
            problem = "the document ends early (truncated?)" if ends_early else exc.msg
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {problem}") from None
        except RecursionError:
            raise InputError(f"{name}: invalid JSON: nested too deeply") from None
        except ValueError as exc:  # NaN, a duplicate key, a number of over 4,300 digits
            raise InputError(f"{name}: invalid JSON: {value_problem(exc)}") from None
    else:
        from checker.load.yaml_load import read_yaml

        document, shared = read_yaml(stripped, name, None, MAX_EXPANDED_NODES)
        # PyYAML's aliases share nodes: bound what they expand to (0.04 s on a 3 MB
        # document). yaml-rs shares none, having replayed at most MAX_EXPANDED_NODES events.
        written, expanded = _expanded(document) if shared else (0, 0)
        if expanded > MAX_EXPANDED_NODES and expanded > MAX_EXPANSION * written:
            raise InputError(
                f"{name}: YAML aliases expand the document from {written:,} to "
                f"{expanded:,} nodes; restcheck reads at most {MAX_EXPANSION} times what "
                f"is written (beyond {MAX_EXPANDED_NODES:,} nodes)"
            )
    if not isinstance(document, Mapping):
        kind = type(document).__name__ if document is not None else "nothing"
        raise InputError(f"{name}: expected an OpenAPI document (a mapping), got {kind}")
    if "openapi" not in document and "swagger" not in document:
        raise InputError(f"{name}: not an OpenAPI document (no 'openapi' field at the top)")
    if "swagger" in document and "openapi" not in document:
        raise InputError(f"{name}: Swagger 2.0 is not supported; expected OpenAPI 3.0 or 3.1")
    return Source(name=name, text=text, format=fmt, document=dict(document))


def _format_from_name(name: str) -> Format | None:
    lower = name.lower().split("?", 1)[0]
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return None


def load(
    arg: str,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30.0,
    max_size: float = 100,
) -> Source:
    """Load a SOURCE argument: a path, `-` for stdin, or an http(s) URL (`max_size` in MB)."""
    if arg == "-":
        return parse(sys.stdin.read(), "<stdin>")
    if arg.startswith(("http://", "https://")):
        return load_url(arg, headers or {}, timeout, max_size)
    ahead = _read_ahead.pop(arg, None)
    if isinstance(ahead, Exception):
        raise ahead
    return ahead if ahead is not None else load_file(arg)


def load_file(arg: str) -> Source:
    """Load the file a SOURCE argument names."""
    try:
        text = read_text(Path(arg))
    except Unreadable as exc:
        what = f"{exc}, expected an OpenAPI file" if str(exc) == "is a directory" else exc
        raise InputError(f"{arg}: {what}") from None
    return parse(text, arg, _format_from_name(arg))


# YAML files of at least this many bytes are read ahead; a smaller one parses in a few ms.
READ_AHEAD_ABOVE = 100_000
# What `load` gives for the files read ahead, by the argument naming each: the Source, or
# the error loading it raised (raised again when it is asked for).
_read_ahead: dict[str, Source | Exception] = {}


def read_ahead(args: Iterable[str], meanwhile: Callable[[], object]) -> None:
    """Load, now, each argument that names a big YAML file, for `load` to take later, and
    run `meanwhile` (the command line's imports: ~0.1 s) on a thread as it happens: yaml-rs
    lets go of the GIL while it parses, so both go on at once. The document is built on
    this thread: built on another core, every later pass over it ran slower (cache; Stripe
    2023's model 58 -> 63-114 ms). Without such a file, `meanwhile` is not run."""
    big = [arg for arg in dict.fromkeys(args) if _big_yaml(arg)]
    if not big:
        return
    # What loading imports is imported before the thread starts: two threads importing
    # modules that import each other could each wait for the other.
    from checker.load import yaml_load

    yaml_load.import_parser()
    imported = background.on_thread(meanwhile)
    for arg in big:
        try:
            _read_ahead[arg] = load_file(arg)
        except Exception as exc:
            _read_ahead[arg] = exc
    with suppress(Exception):  # the command line imports them again, and says why
        imported()


def _big_yaml(arg: str) -> bool:
    if _format_from_name(arg) != "yaml":
        return False
    try:
        status = os.stat(arg)
    except (OSError, ValueError):
        return False  # `load` says what is wrong with it
    return stat.S_ISREG(status.st_mode) and status.st_size >= READ_AHEAD_ABOVE


def load_url(
    url: str, headers: Mapping[str, str], timeout: float = 30.0, max_size: float = 100
) -> Source:
    """Fetch a spec URL, or find the spec under a server's base URL.

    Redirects are followed (5 at most); the --header values go only to the URL's own origin,
    never to another one a redirect leads to. `timeout` bounds each answer as a whole, and
    its decoded body may be at most `max_size` MB. Every failure is one InputError line:
    transport (cannot connect, TLS, timeout, redirect loop, too large), an HTTP error status
    (401/403 with a hint about --header), an HTML page or any other answer that is not an
    OpenAPI document. The Source's name and every error line show the URL redacted
    (checker.redact): no userinfo, no secret query parameter."""
    return fetch_spec(url, headers, timeout, max_size)[0]


def fetch_spec(
    url: str, headers: Mapping[str, str], timeout: float = 30.0, max_size: float = 100
) -> tuple[Source, str]:
    """`load_url`, and the real URL the spec was found at (the Source's name is redacted)."""
    from checker.load import http  # httpx is imported only when a URL is used

    with http.client(url, headers, timeout, max_size) as client:
        response = http.get(client, url)
        try:
            return _spec_answer(response, url), url
        except InputError as exc:
            problem = exc
        if _format_from_name(url) is not None:
            raise problem  # a spec file's URL: nothing to look for under it
        # A server's base URL (or its docs page): look for the spec where FastAPI serves it.
        base = url.split("#", 1)[0].split("?", 1)[0].rstrip("/") + "/"
        for candidate in SPEC_PATHS:
            found = http.get(client, base + candidate)
            if found.status_code == 404:
                continue
            try:
                return _spec_answer(found, base + candidate), base + candidate
            except InputError as exc:
                if found.status_code in (401, 403):
                    problem = exc  # the spec is there, behind authentication: say so
        raise InputError(f"{problem} (also tried {', '.join(SPEC_PATHS)} under it)")


def _spec_answer(response: http.Reply, url: str) -> Source:
    """The Source an HTTP answer holds, or InputError naming its status or content."""
    from checker import redact
    from checker.load import http

    shown = redact.url(url)
    if not response.is_success:
        status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
        if response.status_code in (401, 403):
            if response.elsewhere:
                status += (
                    f" (after a redirect to {redact.url(response.url)}, "
                    "where the --header values are not sent)"
                )
            else:
                status += " (pass credentials with --header 'Authorization: ...')"
        raise InputError(f"{shown}: {status}")
    if "html" in response.headers.get("content-type", "").lower():
        raise InputError(f"{shown}: got an HTML page, expected an OpenAPI document")
    return parse(http.text(response, shown), shown, _format_from_name(url))


def yaml_document(text: str, name: str, loader: Any = None) -> Any:
    """YAML text parsed (checker.load.yaml_load, imported only now)."""
    from checker.load.yaml_load import yaml_document as read

    return read(text, name, loader)
