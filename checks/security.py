"""Security: who may call each operation.

An operation states who may call it with security requirements (its own `security`, or the
document's global one), an explicit `security: []` (public), or Polar's
`x-polar-allowed-subjects` (`["Organization", "User"]`). See `auth-subject` for how an
operation that states none of these is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.engine.registry import Problem, rule
from checker.guideline import SUBJECTS
from checker.guideline import SUBJECTS_EXTENSION as EXTENSION
from checker.model import Api, Operation
from checker.model.scopes import document, every_operation
from checker.pointers import join

RESOURCE_KINDS = ("list", "read", "create", "update", "delete")


def _public_entry_point(op: Operation) -> bool:
    """Whether an operation stating no security sits where public entry points live: off the
    Admin API's resources. That is, it is no standard method on a resource (an action such as
    `/oauth2/token`, or a utility that belongs to no resource: `/healthcheck`, `/v0/meta`), or
    it sits under a namespace (`oauth2`, `customer-portal`: audiences apart from the Admin API)
    or behind an alternate key (`/checkouts/client/{client_secret}`: the key's value is the
    credential)."""
    if op.kind not in RESOURCE_KINDS or op.resource is None:
        return True
    return any(s.role in ("namespace", "key") for s in op.segments)


# What shows that an API authenticates callers though it declares no scheme: a credential
# taken as a header or cookie parameter, or a segment where callers log in.
_CREDENTIAL = re.compile(r"(^|[-_])(authorization|api[-_]?key|token|session|auth)([-_]|$)", re.I)
_LOGIN = frozenset({"login", "logout", "token", "signin", "sign-in", "oauth", "oauth2", "auth"})


def _signs_of_auth(api: Api) -> bool:
    """Whether any operation takes a credential (`Authorization`, `x-api-key` as a header or
    cookie) or sits where callers log in (`/token`, `/auth/login`)."""
    for op in api.operations:
        if any(
            p.location in ("header", "cookie") and _CREDENTIAL.search(p.name) for p in op.parameters
        ):
            return True
        if any(s.text.lower() in _LOGIN for s in op.segments):
            return True
    return False


@rule("warning", scope=document("every operation", operations=every_operation))
def auth_subject(
    api: Api, *, subjects: list[str] | None = None, explicit_public: bool = False
) -> Iterator[Problem]:
    """Every operation states who may call it, and the subjects it names are known ones.

    Who may call an operation is stated by security requirements (the operation's `security`,
    else the document's global one), by an explicit `security: []` (public), or by
    `x-polar-allowed-subjects`. Subjects, where given, must be among the known ones; an
    operation naming authenticated subjects must also state how they authenticate (security
    requirements); `security: []` names no authenticated subject.

    An operation that states nothing (no security of its own, no global one, no subjects) is
    unauthenticated, and OpenAPI reads that as public. The guideline speaks of authenticated
    endpoints, and FastAPI writes nothing for a route without an auth dependency, so the rule
    tells a public entry point from a forgotten dependency by where it sits:

    - a standard method (list, read, create, update, delete) on a resource of the Admin API
      (no namespace, no alternate key on the path, e.g. `GET /v1/currencies/{code}`) is
      reported: the guideline has the Admin API serve User and Organization subjects and
      filter resources by subject; state `security: []` if it is public on purpose;
    - anything else is taken as a public entry point: actions (`POST /v1/oauth2/token`,
      license-key validation), utilities that belong to no resource (`/healthcheck`), and
      operations under a namespace (`/v1/customer-portal/organizations/{slug}`) or behind an
      alternate key (`/v1/checkouts/client/{client_secret}`). Polar's 13 public operations are
      all such. The option `explicit_public` reports these too.

    A document that declares no security scheme at all states for no operation who may call
    it: that is reported once, on the document, not on every operation, and only when the
    API shows that it authenticates callers (a credential header or cookie such as
    `Authorization` or `x-api-key`, or a login segment such as `/token`); an API without any
    authentication has no authenticated endpoint whose subject the guideline asks for.

    Why: the guideline asks every authenticated endpoint to define its subject (User,
    Organization, Customer); an operation with no stated security is indistinguishable from
    one whose auth dependency was forgotten, and clients and SDKs cannot tell which
    credentials to send.

    Bad:
        paths:
          /v1/currencies/{code}:
            get:
              parameters:
                - {name: code, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
          /v1/audit-logs/{id}:
            get:
              security: [{pat: []}]
              x-polar-allowed-subjects: [Admin]
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
        components:
          securitySchemes:
            pat: {type: http, scheme: bearer}

    Good:
        paths:
          /v1/currencies/{code}:
            get:
              security: []
              parameters:
                - {name: code, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
          /v1/audit-logs/{id}:
            get:
              security: [{pat: []}]
              x-polar-allowed-subjects: [Organization, User]
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                "200": {description: OK}
        components:
          securitySchemes:
            pat: {type: http, scheme: bearer}

    Options:
        subjects: the known subjects (default User, Organization, Customer, Member, Anonymous).
        explicit_public: public operations must say `security: []` everywhere (default false).
    """
    known = list(subjects) if subjects is not None else list(SUBJECTS)
    anonymous = {"Anonymous"}
    unsecured = {id(o) for o in api.operations if o.security is None and o.subjects() is None}
    if unsecured and not api.security_schemes and all(o.security is None for o in api.operations):
        if not _signs_of_auth(api):  # an API without authentication: nothing to state
            return
        yield Problem(
            "/components" if "components" in api.document else "",
            f"the document declares no security scheme: none of its {len(api.operations)} "
            "operations states who may call it",
            key="no-security-schemes",
        )
        unsecured = set()
    for op in api.operations:
        named = op.subjects()
        if id(op) in unsecured:
            if explicit_public or not _public_entry_point(op):
                yield Problem(
                    op.pointer,
                    f"{op.label} states no security: declare its security requirements "
                    f"(and {EXTENSION}), or `security: []` if it is public",
                    operation=op,
                )
            continue
        if named is None:
            continue
        at = join(op.pointer, EXTENSION)
        for index, subject in enumerate(named):
            if subject not in known:
                yield Problem(
                    join(at, index),
                    f"{op.label} allows subject {subject}; expected one of {', '.join(known)}",
                    operation=op,
                    key=subject,
                )
        authenticated = sorted(set(named) - anonymous)
        if not authenticated:
            continue
        if op.security is None:
            yield Problem(
                at,
                f"{op.label} allows {', '.join(authenticated)} but states no security "
                "requirement for them to authenticate with",
                operation=op,
            )
        elif op.security == []:
            yield Problem(
                op.security_pointer or at,
                f"{op.label} is public (`security: []`) but allows {', '.join(authenticated)}; "
                "state the security requirements they authenticate with",
                operation=op,
            )
