"""The string a YAML mapping key becomes in restcheck's documents, whichever parser read it:
`200:` is an int to YAML, `true:` a bool, `~:` null; JSON keys are strings.

>>> [key_string(k) for k in (200, True, None, 1.5, "name")]
['200', 'true', 'null', '1.5', 'name']
"""

from __future__ import annotations

from typing import Any


def key_string(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)
