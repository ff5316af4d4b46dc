"""Running the rules over one source: model -> rules -> findings -> positions.

`lint` (and `lint_all` for several sources) is the one pipeline every front-end calls.

After the rules, two filters: inline `x-restcheck-ignore` marks in the document (see
`checker.model.InlineIgnore`) and the configuration's per-path overrides. Fingerprints are
given before filtering, so what is excused never shifts the fingerprint of what is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Protocol

from checker import background
from checker.engine.catalogue import all_rules
from checker.engine.config import Config
from checker.engine.findings import Finding, Notice, assign_fingerprints
from checker.engine.registry import Rule
from checker.errors import InputError, InternalError
from checker.load.locate import spans
from checker.load.source import Source
from checker.model import Api, InlineIgnore, build
from checker.pointers import join, schema_of
from checker.validate import SpecError, validate


@dataclass
class Checked:
    """What one source gave: its findings (excused ones left out) and notices, the paths
    and schemas it has (for the override globs' check), and its model."""

    source: Source
    api: Api
    findings: list[Finding]
    notices: list[Notice] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # for the override globs' check
    schemas: list[str] = field(default_factory=list)
    excused_inline: int = 0
    excused_by_config: int = 0


def selected_rules(config: Config) -> list[Rule]:
    return [r for r in all_rules().values() if config.enabled(r)]


def _raw_findings(api: Api, source_name: str, config: Config) -> list[tuple[Finding, Rule]]:
    found: list[tuple[Finding, Rule]] = []
    rules = selected_rules(config)
    # Validation is the costliest step: `lint` may run it beside the other rules, so it is
    # collected last (findings are ordered by position later: rule order does not show).
    rules.sort(key=lambda rule: rule.id == "valid-openapi")
    for rule in rules:
        severity = config.severity_of(rule)
        try:
            for problem in rule.run(api, config.options_of(rule)):
                op = problem.operation
                finding = Finding(
                    rule=rule.id,
                    severity=severity,
                    message=problem.message,
                    source=source_name,
                    pointer=problem.pointer,
                    path=op.path if op else problem.path,
                    method=op.method if op else None,
                    key=problem.key,
                )
                found.append((finding, rule))
        except RecursionError:  # the document's depth, not a bug: one line, exit 2
            raise InputError(
                f"{source_name}: the document is nested too deeply for rule {rule.id}"
            ) from None
        except Exception as exc:  # a rule's bug must not pass as "no findings"
            raise InternalError(
                f"{source_name}: internal error in rule {rule.id}: {type(exc).__name__}: {exc}"
            ) from exc
    assign_fingerprints([f for f, _ in found])
    return found


def _ancestors(finding: Finding) -> list[str]:
    """The pointers whose `x-restcheck-ignore` covers a finding: every prefix of its pointer
    (the root "" included), and its operation and path item wherever the pointer lies."""
    tokens = finding.pointer.split("/")[1:] if finding.pointer else []
    found = [""] + ["/" + "/".join(tokens[: i + 1]) for i in range(len(tokens))]
    if finding.path is not None:
        item = join("/paths", finding.path)
        found.append(item)
        if finding.method is not None:
            found.append(join(item, finding.method))
    return found


def inline_mark(
    finding: Finding, rule: Rule, ignores: dict[str, InlineIgnore]
) -> InlineIgnore | None:
    """The `x-restcheck-ignore` that excuses this finding, if one does."""
    for pointer in _ancestors(finding):
        mark = ignores.get(pointer)
        if mark is not None and (rule.id in mark.rules or rule.area in mark.rules):
            return mark
    return None


def _ignore_notices(api: Api, source_name: str) -> list[Notice]:
    known = all_rules()
    areas = {r.area for r in known.values()}
    notices = []
    for mark in api.ignores.values():
        where = mark.pointer or "the document's root"
        if mark.malformed:
            notices.append(
                Notice(
                    source_name,
                    mark.key_pointer,
                    f"x-restcheck-ignore on {where}: {mark.malformed}",
                )
            )
        for name in mark.rules:
            if name not in known and name not in areas:
                notices.append(
                    Notice(
                        source_name,
                        mark.key_pointer,
                        f"x-restcheck-ignore on {where} names unknown rule '{name}' "
                        "(`restcheck rules` lists them)",
                    )
                )
    return notices


def evaluate(api: Api, source: Source, config: Config) -> Checked:
    """Run the selected rules, then drop what inline ignores and overrides excuse."""
    ignores = api.ignores
    result = Checked(source, api, findings=[], notices=_ignore_notices(api, source.name))
    if api.not_fastapi:
        result.notices.append(
            Notice(
                source.name,
                "",
                "the document does not look like a FastAPI export ("
                + "; ".join(api.not_fastapi)
                + "): the guidelines assume FastAPI's conventions, so many findings may "
                "follow from the framework, not from one decision each",
            )
        )
    for finding, rule in _raw_findings(api, source.name, config):
        if ignores and inline_mark(finding, rule, ignores) is not None:
            result.excused_inline += 1
            continue
        if config.overrides:
            severity = config.adjust(finding, rule)
            if severity is None:
                result.excused_by_config += 1
                continue
            finding.severity = severity
        result.findings.append(finding)
    paths = api.document.get("paths")
    result.paths = [str(p) for p in paths] if isinstance(paths, Mapping) else []
    result.schemas = [c.name for c in api.components]
    return result


def lint(
    source: Source,
    config: Config,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    placed: bool = True,
    validation: Callable[[], list[SpecError]] | None = None,
) -> Checked:
    """The pipeline every front-end runs on one source: model, selected rules, inline ignores
    and overrides, then positions for the findings `keep` keeps (default: all) and for the
    notices. Findings come in report order. Without `placed`, the findings get no position
    (the caller places those it shows: `add_positions`, `add_code`) and come in rule order.
    `validation` gives the document's validation when it was started already (`lint_all`)."""
    if validation is None and _validating(config):
        # Started on a second core before the model is built: the costliest step gets the
        # build's time as a head start (checker.background). A small document goes to the
        # child the console script started for it, if any, else it is validated here when
        # the rule asks: a child of its own would cost more than it spares.
        if len(source.text) >= background.FORK_ABOVE:
            validation = background.start(validate, source.document)
        else:
            validation = background.request(validate, source.document)
    api = build(source.document, config.roles)
    if validation is not None:
        api.use_validation(validation)
    result = evaluate(api, source, config)
    if keep is not None:
        result.findings = keep(result.findings)
    add_positions(source, [*(result.findings if placed else []), *result.notices])
    if placed:
        add_code(source, result.findings)
        result.findings = order(result.findings)
    return result


def _validating(config: Config) -> bool:
    return any(rule.id == "valid-openapi" for rule in selected_rules(config))


def _validate_each(documents: list[object]) -> list[list[SpecError]]:
    return [validate(document) for document in documents]


def _item(results: Callable[[], list[list[SpecError]]], index: int) -> list[SpecError]:
    return results()[index]


def lint_all(
    sources: Iterable[Source],
    config: Config,
    keep: Callable[[list[Finding]], list[Finding]] | None = None,
    placed: bool = True,
) -> list[Checked]:
    """`lint` each source; then the configuration's override globs must each match a path or
    schema of some checked document (else ConfigError: a glob that matches nothing is a
    typo)."""
    validations: list[Callable[[], list[SpecError]] | None] = []
    if (
        isinstance(sources, Sequence)
        and len(sources) > 1
        and _validating(config)
        and sum(len(source.text) for source in sources) >= background.FORK_ABOVE
    ):
        # Sources loaded already (diff, review, several files): one child validates them
        # all, one after the other, while this process lints them; it pays its start-up
        # (jsonschema-rs, the meta-schemas) once.
        together = cache(background.start(_validate_each, [s.document for s in sources]))
        validations = [partial(_item, together, i) for i in range(len(sources))]
    results = [
        lint(source, config, keep, placed, validations[i] if validations else None)
        for i, source in enumerate(sources)
    ]
    config.check_overrides(
        {p for r in results for p in r.paths}, {s for r in results for s in r.schemas}
    )
    return results


def check(source: Source, config: Config) -> list[Finding]:
    """Every finding of the selected rules on one source, in report order."""
    return lint(source, config).findings


class Located(Protocol):
    """What gets a position: a finding, a notice, a diff's change."""

    pointer: str
    line: int | None
    column: int | None
    end_column: int | None


def add_positions(source: Source, items: Iterable[Located]) -> None:
    """Line and column in this source for each item (only those: it costs a pass over the
    text), memoised on the source."""
    items = list(items)
    missing = {item.pointer for item in items} - source.positions.keys()
    if missing:
        source.positions.update(spans(source.text, source.format, missing, source.document))
    for item in items:
        item.line, item.column, width = source.positions.get(item.pointer, (1, 1, 0))
        item.end_column = item.column + width - 1 if width else None


def add_code(source: Source, findings: Iterable[Finding]) -> None:
    """For a FastAPI app's document (`--app`): each finding's Python location, the route
    function of its operation (a path's first operation for path-level findings) or the
    pydantic model of its component schema, when known."""
    code = source.code
    if code is None:
        return
    for finding in findings:
        path, method = finding.about()
        if path is not None and method is not None:
            finding.code = code.operations.get((path, method))
        elif path is not None:
            finding.code = next((w for (p, _), w in code.operations.items() if p == path), None)
        else:
            schema = schema_of(finding.pointer)
            finding.code = code.schemas.get(schema) if schema is not None else None


def order(findings: list[Finding]) -> list[Finding]:
    """Stable order: by source, position, then rule and message."""
    return sorted(
        findings,
        key=lambda f: (f.source, f.line or 0, f.column or 0, f.rule, f.message),
    )
