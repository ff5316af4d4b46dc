"""`restcheck probe`: runtime conformance of a live server against its served spec.

plan.py       what to probe: operations in scope, grouped by resource, and static skips
fill.py       path parameters filled from the items list answers gave
bodies.py     request bodies: valid ones from the create/update schemas, invalid ones
schema_check.py  answers against the documented schemas (jsonschema; 3.0 and 3.1)
judge.py      the guideline's shapes: the list envelope, FastAPI's 422 body
session.py    the HTTP session: base URL, headers, --timeout, --rate-limit
run.py        the probes per resource, their findings, and the ledger of what was created
command.py    the Typer command
rules.py      the live rules' documentation (live-status, live-schema, live-validation-422)

command.py imports the others (and so httpx and jsonschema) only when the command runs.
"""
