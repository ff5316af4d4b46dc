"""Verdicts on answers: the status, the body against its documented schema, FastAPI's 422.

Each deviation is a Finding of a live rule, at most one per rule and operation (the first
seen there), pointing at the documented response concerned in the served spec.
"""

from __future__ import annotations

from typing import Any

from checker.engine.catalogue import live_rules
from checker.engine.findings import Finding
from checker.model import Api, Operation, Response, is_json
from checker.pointers import join
from checker.probe.judge import detail_problem, shape_hint
from checker.probe.schema_check import Checker
from checker.probe.session import NOT_JSON, Answer, status_text


class Verdicts:
    def __init__(self, api: Api, source: str) -> None:
        self.api = api
        self.source = source
        self.checker = Checker(api.document)
        self.findings: list[Finding] = []
        self._reported: set[tuple[str, str]] = set()
        self._severity = {r.id: r.severity for r in live_rules().values()}

    def report(self, rule: str, op: Operation, pointer: str, message: str) -> None:
        if (rule, op.pointer) in self._reported:
            return
        self._reported.add((rule, op.pointer))
        self.findings.append(
            Finding(
                rule=rule,
                severity=self._severity[rule],
                message=message,
                source=self.source,
                pointer=pointer,
                path=op.path,
                method=op.method,
            )
        )

    def expect(self, op: Operation, answer: Answer, expected: int, step: str) -> bool:
        """Whether the answer has the expected status; a live-status finding when not."""
        if answer.status == expected:
            return True
        documented = op.responses.get(str(expected))
        if documented is not None:
            promise = " as documented"
        elif op.success:
            promise = f" (the spec documents {', '.join(op.success)})"
        else:
            promise = ""
        body = " with a body" if answer.ok and answer.body.strip() and expected == 204 else ""
        self.report(
            "live-status",
            op,
            documented.pointer if documented else join(op.pointer, "responses"),
            f"{op.label}: {step} answered {answer.status_said}{body}; "
            f"expected {status_text(expected)}{promise}",
        )
        return False

    def check_body(self, op: Operation, answer: Answer, step: str) -> None:
        """The answer's body against the schema documented for its status (live-schema)."""
        response = op.responses.get(str(answer.status))
        if response is None:
            return
        if answer.status == 204 or not response.content:
            if answer.status == 204 and answer.body.strip():
                message = f"{op.label}: {step} answered 204 with a body; expected no content"
                self.report("live-schema", op, response.pointer, message)
            return
        pointer = schema_pointer(response)
        if pointer is None:
            return
        if answer.json is NOT_JSON:
            got = answer.content_type or "no content type"
            message = f"{op.label}: {step} answered a body that is not JSON ({got})"
            self.report("live-schema", op, response.pointer, message)
            return
        self.match(op, response, pointer, answer.json, f"{step}'s body")

    def match(self, op: Operation, response: Response, pointer: str, body: Any, what: str) -> bool:
        errors = self.checker.errors(pointer, body)
        if not errors:
            return True
        name = self.api.schemas.ref_name(response.json_schema)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        message = (
            f"{op.label}: {what} does not match the documented schema"
            f"{' ' + name if name else ''}: {errors[0]}{more}"
        )
        self.report("live-schema", op, response.pointer, message)
        return False

    def expect_422(self, op: Operation, answer: Answer, step: str) -> None:
        documented = op.responses.get("422")
        pointer = documented.pointer if documented else join(op.pointer, "responses")
        shape = 'FastAPI\'s {"detail": [{"loc", "msg", "type"}]}'
        if answer.status == 422:
            problem = detail_problem(answer.json)
            if problem:
                message = f"{op.label}: {step} answered 422 but {problem}; expected {shape}"
                self.report("live-validation-422", op, pointer, message)
        elif answer.status >= 500:
            self.expect(op, answer, 422, step)
        elif answer.ok:
            message = f"{op.label}: {step} was accepted with {answer.status_text}; expected 422"
            self.report("live-validation-422", op, pointer, message)
        else:
            message = (
                f"{op.label}: {step} answered {answer.status_said} with "
                f"{shape_hint(answer.json)}; expected 422 with {shape}"
            )
            self.report("live-validation-422", op, pointer, message)


def response_pointer(op: Operation, status: str) -> str:
    response = op.responses.get(status)
    return response.pointer if response is not None else join(op.pointer, "responses")


def schema_pointer(response: Response) -> str | None:
    for media in response.content:
        if is_json(media):
            return join(response.pointer, "content", media, "schema")
    return None


def body_pointer(op: Operation) -> str | None:
    if op.body is None:
        return None
    for media in op.body.content:
        if is_json(media):
            return join(op.body.pointer, "content", media, "schema")
    return None
