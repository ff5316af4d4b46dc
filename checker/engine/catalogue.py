"""Every rule: the document rules of `checks` and the live rules `probe` reports.

Importing `checks` registers its rules (see checker.engine.registry); this module is the
one place that does, so the registry stays below the rules and the runner above them.
"""

from __future__ import annotations

from checker.engine.registry import LIVE, REGISTRY, Rule


def all_rules() -> dict[str, Rule]:
    """Every document rule, in catalogue order (areas as in checks.AREAS, rules as defined)."""
    from checks import AREAS  # importing the package registers its rules

    return dict(sorted(REGISTRY.items(), key=lambda item: AREAS.index(item[1].area)))


def live_rules() -> dict[str, Rule]:
    """The rules `restcheck probe` reports."""
    import checks.live  # noqa: F401  (importing registers them)

    return dict(LIVE)


def catalogue() -> dict[str, Rule]:
    """Every rule `restcheck rules` lists and `explain` explains: document rules, then live."""
    return {**all_rules(), **live_rules()}
