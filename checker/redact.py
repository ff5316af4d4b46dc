"""Secrets kept out of what restcheck shows or stores: a URL's userinfo and secret parameters.

`url(text)` is applied wherever a URL becomes a source's name (reports, baselines) or part of
an error line; the request itself still uses the real URL. `within(text)` does the same for
every URL inside a longer text (an HTTP library's error message).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote_plus

HIDDEN = "***"

# Query (and fragment) parameters whose value is a secret; compared case-insensitively.
SECRET_PARAMETERS = frozenset(
    {
        "api_key",
        "apikey",
        "api-key",
        "key",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth",
        "password",
        "secret",
        "client_secret",
        "signature",
        "sig",
        "x-amz-signature",
        "x-amz-security-token",
        "x-goog-signature",
    }
)

_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)", re.DOTALL)
_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


def url(text: str) -> str:
    """The URL with its userinfo and the values of secret parameters replaced by `***`.

    >>> url("http://user:password@example.com:8000/openapi.json")
    'http://***@example.com:8000/openapi.json'
    >>> url("https://example.com/spec.yaml?API_KEY=abc&page=2&sig=x#token=y")
    'https://example.com/spec.yaml?API_KEY=***&page=2&sig=***#token=***'
    >>> url("https://example.com/items?keyword=a&token=")
    'https://example.com/items?keyword=a&token='
    >>> url("http://a:b@c@example.com?x=1")
    'http://***@example.com?x=1'

    Anything that is not a URL (`scheme://...`) is returned as it is:

    >>> url("specs/openapi.json?token=1")
    'specs/openapi.json?token=1'
    """
    match = _URL.fullmatch(text)
    if match is None:
        return text
    scheme, authority, rest = match.groups()
    if "@" in authority:
        authority = f"{HIDDEN}@{authority.rpartition('@')[2]}"
    before, hash_sign, fragment = rest.partition("#")
    path, question_mark, query = before.partition("?")
    return (
        f"{scheme}{authority}{path}{question_mark}{_parameters(query)}"
        f"{hash_sign}{_parameters(fragment)}"
    )


def within(text: str) -> str:
    """Every URL in a text redacted, as `url` does.

    >>> within("cannot fetch http://me:pw@example.com/x?key=1: refused")
    'cannot fetch http://***@example.com/x?key=***: refused'
    """
    return _IN_TEXT.sub(lambda match: _trailed(match.group(0)), text)


def _trailed(found: str) -> str:
    """A URL found in a text, redacted; punctuation after it (`:`, `.`, `)`) kept out of it."""
    kept = found.rstrip(".,:;!?)]")
    return url(kept) + found[len(kept) :]


def _parameters(text: str) -> str:
    if "=" not in text:
        return text
    parts = re.split(r"([&;])", text)
    return "".join(_parameter(part) for part in parts)


def _parameter(part: str) -> str:
    name, equals, value = part.partition("=")
    if equals and value and unquote_plus(name).strip().lower() in SECRET_PARAMETERS:
        return f"{name}={HIDDEN}"
    return part


# `Bearer abc`, `token=abc`, `"api_key": "abc"`: credentials a server may echo in its errors.
_CREDENTIAL = re.compile(
    r"(?i)\b(bearer\s+|basic\s+|(?:token|api[_-]?key|password|secret|authorization)"
    r"\"?\s*[:=]\s*\"?)([^\s\"',;]+)"
)


def secrets(text: str, values: Iterable[str] = ()) -> str:
    """A text from elsewhere (a server's error message) with the given secret values (the
    --header values), credentials after `Bearer`, `token=`, `api_key:` and URLs' secrets hidden.

    >>> secrets("bad token Bearer abc.def for http://u:p@h/x?key=1", ["s3cret"])
    'bad token Bearer *** for http://***@h/x?key=***'
    >>> secrets('{"password": "hunter2"} s3cret!', ["s3cret"])
    '{"password": "***"} ***!'
    """
    for value in sorted({v for v in values if len(v) >= 4}, key=len, reverse=True):
        text = text.replace(value, HIDDEN)
        if " " in value:  # `Bearer xyz`: its credential alone too
            token = value.rsplit(" ", 1)[1]
            if len(token) >= 4:
                text = text.replace(token, HIDDEN)
    text = _CREDENTIAL.sub(lambda m: m.group(1) + HIDDEN, text)
    return within(text)
