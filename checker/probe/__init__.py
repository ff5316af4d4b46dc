"""`restcheck probe`: runtime conformance of a live server against its served spec.

start.py      `probe_server`: fetch the spec, plan, run the probes, place the findings
plan.py       what to probe: operations in scope, grouped by resource, and static skips
fill.py       path parameters filled from the items list answers gave
bodies.py     request bodies: valid ones from the create/update schemas, invalid ones
schema_check.py  answers against the documented schemas (jsonschema; 3.0 and 3.1)
judge.py      the guideline's shapes (checker.guideline): the list envelope, FastAPI's 422 body
session.py    the HTTP session: base URL, headers, --timeout, --rate-limit
run.py        the probes per resource, their findings
lists.py      a list's behaviour: sorting, pages, `limit`, repeated filters, the default list
order.py      the order of values as a server may compare them (for lists.py's sorting)
writes.py     the write lifecycle (--allow-writes) and the ledger of what was created
signals.py    SIGINT, SIGTERM and SIGHUP as Interrupted, so that the probe cleans up first
verdicts.py   answers turned into findings of the live rules

The live rules' documentation is checks/live.py; the command is checker/cli/probe.py, which
imports this package (and so httpx and jsonschema) only when it runs.
"""
