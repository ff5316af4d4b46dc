"""The command line: exit codes, reports, bad input, URLs.

Most commands run by `main()` in this interpreter (tests.helpers.run_cli, with the
environment, stdin and non-terminal output of a subprocess); the console script in a process
of its own (`run_process`) gives the text report and exit 1, reads a real pipe on stdin,
colours by the environment and completes in the shell."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import typing
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import cli, document, environment, run_cli

SEVERITIES = ("error", "warning", "info")
ALL_AREAS = "spec,paths,responses,lists,params,schemas,security"

BAD = document(
    """
    paths:
      /v1/customers/:
        post:
          requestBody: {content: {application/json: {schema: {type: object}}}}
          responses:
            "200": {description: OK, content: {application/json: {schema: {type: object}}}}
            "422": {description: Validation Error, content: {application/json: {schema: {$ref: '#/components/schemas/HTTPValidationError'}}}}
      /v1/customers/{id}:
        get:
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          responses:
            "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
            "422": {description: Validation Error, content: {application/json: {schema: {$ref: '#/components/schemas/HTTPValidationError'}}}}
        patch:
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          requestBody: {content: {application/json: {schema: {type: object}}}}
          responses:
            "200": {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Other'}}}}
            "422": {description: Validation Error, content: {application/json: {schema: {$ref: '#/components/schemas/HTTPValidationError'}}}}
    components:
      schemas:
        Customer: {type: object, properties: {id: {type: string}}}
        Other: {type: object, properties: {name: {type: string}}}
        HTTPValidationError:
          type: object
          properties:
            detail:
              type: array
              items:
                type: object
                properties: {loc: {type: array, items: {type: string}}, msg: {type: string}, type: {type: string}}
    """
)


# The CLI tests look at the response rules' findings on BAD; other areas have their own tests.
FOCUS = ["--select", "spec,paths,responses"]


def focused(args: tuple[str, ...]) -> tuple[str, ...]:
    if args and args[0] == "check" and "--select" not in args:
        return (*args, *FOCUS)
    return args


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` in this interpreter."""
    return run_cli(*focused(args), stdin=stdin)


def run_process(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`restcheck ARGS` by the console script, in a process of its own."""
    args = focused(args)
    return subprocess.run(
        [cli(), *args], capture_output=True, text=True, input=stdin, env=environment(), timeout=60
    )


@pytest.fixture
def bad_spec(tmp_path: Path) -> Path:
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(BAD, indent=2))
    return path


def test_text_report_and_exit_1(bad_spec: Path) -> None:
    result = run_process("check", str(bad_spec))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "POST /v1/customers/" in lines
    finding = next(line for line in lines if "create-status" in line)
    location = finding.split()[0]
    file, line, column = location.rsplit(":", 2)
    assert file == str(bad_spec)
    # The reported line holds the pointed-at key: the operation's "responses".
    assert '"responses"' in bad_spec.read_text().splitlines()[int(line) - 1]
    assert int(column) >= 1
    assert "error" in finding
    assert lines[-1] == "2 problems (1 error, 1 warning) in 1 file of 1 checked"
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_json_contract(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["tool"]["name"] == "restcheck"
    assert report["summary"] == {"error": 1, "warning": 1, "info": 0}
    keys = {
        "rule",
        "severity",
        "message",
        "source",
        "pointer",
        "line",
        "column",
        "path",
        "method",
        "fingerprint",
    }
    for finding in report["findings"]:
        assert set(finding) == keys
    rules = {f["rule"]: f for f in report["findings"]}
    create = rules["create-status"]
    assert create["path"] == "/v1/customers/" and create["method"] == "post"
    assert create["pointer"] == "/paths/~1v1~1customers~1/post/responses"
    text_line = bad_spec.read_text().splitlines()[create["line"] - 1]
    assert text_line[create["column"] - 1 :].startswith('"responses"')


def test_fingerprints_survive_reformatting(bad_spec: Path, tmp_path: Path) -> None:
    minified = tmp_path / "min.json"
    minified.write_text(json.dumps(BAD, separators=(",", ":")))
    pretty = json.loads(run("check", str(bad_spec), "-f", "json").stdout)["findings"]
    compact = json.loads(run("check", str(minified), "-f", "json").stdout)["findings"]
    assert {f["fingerprint"] for f in pretty} == {f["fingerprint"] for f in compact}
    assert {f["line"] for f in compact} == {1}
    assert {f["line"] for f in pretty} != {1}


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on(bad_spec: Path, fail_on: str, code: int) -> None:
    assert run("check", str(bad_spec), "--fail-on", fail_on).returncode == code


def test_fail_on_warning_fails_on_a_warning_alone(bad_spec: Path) -> None:
    only_warning = ["--select", "write-returns-read-schema"]
    assert run("check", str(bad_spec), *only_warning).returncode == 0
    assert run("check", str(bad_spec), *only_warning, "--fail-on", "warning").returncode == 1


def test_select_and_ignore(bad_spec: Path) -> None:
    report = json.loads(run("check", str(bad_spec), "-f", "json", "--ignore", "responses").stdout)
    assert report["findings"] == []
    chosen = run("check", str(bad_spec), "-f", "json", "--select", "create-status,paths")
    assert {f["rule"] for f in json.loads(chosen.stdout)["findings"]} == {"create-status"}


def test_output_file(bad_spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("check", str(bad_spec), "-f", "json", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["error"] == 1


def test_stdin(bad_spec: Path) -> None:
    result = run_process("check", "-", "-f", "json", stdin=bad_spec.read_text())
    assert result.returncode == 1
    assert json.loads(result.stdout)["findings"][0]["source"] == "<stdin>"


def test_clean_spec_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    result = run("check", str(path))
    assert result.returncode == 0
    assert result.stdout.strip() == "No problems found in 1 file."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: str(d / "missing.json"), "missing.json: no such file"),
        (lambda d: _write(d / "cut.json", '{"openapi": "3.1.0", "paths": {'), "invalid JSON"),
        (lambda d: _write(d / "x.json", '{"name": "not a spec"}'), "not an OpenAPI document"),
        (lambda d: _write(d / "x.yaml", "- a\n- b\n"), "expected an OpenAPI document"),
        (lambda d: f"http://127.0.0.1:{_free_port()}/openapi.json", "cannot connect"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("check", setup(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "x.json", "--format", "xml"], "--format 'xml'"),
        (["check", "x.json", "--fail-on", "sometimes"], "--fail-on 'sometimes'"),
        (["check", "x.json", "--bogus"], "No such option: --bogus"),
        (["check", "x.json", "--select", "no-such-rule"], "unknown rule or area 'no-such-rule'"),
        (["explain", "no-such-rule"], "unknown rule 'no-such-rule'"),
        (["check"], "Missing argument"),
    ],
)
def test_wrong_invocation_exits_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_rules_and_explain() -> None:
    listed = run("rules")
    assert listed.returncode == 0
    ids = [line.split()[0] for line in listed.stdout.splitlines()]
    assert ids[0] == "valid-openapi" and "create-status" in ids
    explained = run("explain", "create-status")
    assert explained.returncode == 0
    for section in ("Why:", "Bad:", "Good:"):
        assert section in explained.stdout


def test_rules_as_json_match_the_text_listing() -> None:
    listed = run("rules", "--format", "json")
    assert listed.returncode == 0
    rules = json.loads(listed.stdout)["rules"]
    text_ids = [line.split()[0] for line in run("rules").stdout.splitlines()]
    assert [r["id"] for r in rules] == text_ids
    prefix = next(r for r in rules if r["id"] == "version-prefix")
    assert prefix["area"] == "paths" and prefix["severity"] == "error"
    assert prefix["options"] == {"prefix": "/v1/"}
    wrong = run("rules", "--format", "yaml")
    assert wrong.returncode == 2 and "--format 'yaml'" in wrong.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["explain", "creat-status"], "did you mean 'create-status'?"),
        (["check", "x.json", "--select", "create-stat"], "did you mean 'create-status'?"),
        (["check", "x.json", "--ignore", "respones"], "did you mean 'responses'?"),
        (["check", "x.json", "--fail-on", "eror"], "--fail-on 'eror'"),
    ],
)
def test_mistyped_names_get_a_suggestion(args: list[str], hint: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and hint in result.stderr


def test_far_off_names_get_no_suggestion() -> None:
    result = run("explain", "zzzzzz")
    assert result.returncode == 2 and "did you mean" not in result.stderr


def test_warn_is_accepted_for_warning(bad_spec: Path, tmp_path: Path) -> None:
    only_warning = ["--select", "write-returns-read-schema"]
    assert run("check", str(bad_spec), *only_warning, "--fail-on", "warn").returncode == 1
    config = tmp_path / "restcheck.toml"
    config.write_text('fail-on = "warn"\n[severity]\ncreate-status = "warn"\n')
    result = run("check", str(bad_spec), "--config", str(config), "-f", "json")
    assert result.returncode == 1, result.stderr
    severities = {f["rule"]: f["severity"] for f in json.loads(result.stdout)["findings"]}
    assert severities["create-status"] == "warning"


def test_each_rules_first_finding_points_at_its_explanation(bad_spec: Path) -> None:
    lines = run("check", str(bad_spec)).stdout.splitlines()
    findings = [line for line in lines if line.startswith("  ") and not line.startswith("     ")]
    assert len(findings) == 2
    for line in findings:
        rule = line.split()[2]
        assert line.endswith(f"(see `restcheck explain {rule}`)")
    # A mechanical rule's first finding is followed by the FastAPI change that fixes it.
    create = next(i for i, line in enumerate(lines) if "create-status" in line)
    assert lines[create + 1].strip() == "fix in FastAPI:"
    assert "status_code=201" in lines[create + 2]


def test_text_columns_are_aligned(tmp_path: Path) -> None:
    # Locations of different widths (line 9 and line 100+) still start the severity together.
    spec = Path(__file__).parent.parent / "specs" / "legacy" / "openapi.json"
    lines = run("check", str(spec), "--select", ALL_AREAS).stdout.splitlines()
    findings = [line for line in lines if line.startswith("  ") and line.split()[1] in SEVERITIES]
    assert len({len(line.split()[0]) for line in findings}) > 1  # widths really differ
    starts = {line.index(line.split()[1], len(line.split()[0]) + 2) for line in findings}
    assert len(starts) == 1
    severity_at = starts.pop()
    rules = {line.index(line.split()[2], severity_at + 1) for line in findings}
    assert len(rules) == 1


def test_quiet_prints_the_findings_only(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--quiet")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # the two findings, nothing else
    assert all(line.startswith(str(bad_spec) + ":") for line in lines)
    assert {line.split()[2] for line in lines} == {"create-status", "write-returns-read-schema"}
    clean = run("check", str(bad_spec), "-q", "--select", "delete-status")
    assert clean.returncode == 0 and clean.stdout == ""


def test_statistics_counts_findings_per_rule(tmp_path: Path) -> None:
    spec = Path(__file__).parent.parent / "specs" / "legacy" / "openapi.json"
    detailed = json.loads(run("check", str(spec), "--select", ALL_AREAS, "-f", "json").stdout)
    expected: dict[str, int] = {}
    for finding in detailed["findings"]:
        expected[finding["rule"]] = expected.get(finding["rule"], 0) + 1
    result = run("check", str(spec), "--select", ALL_AREAS, "--statistics")
    assert result.returncode == 1
    rows = [line.split() for line in result.stdout.splitlines()[:-2] if line.strip()]
    assert {row[1]: int(row[0]) for row in rows} == expected
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert result.stdout.splitlines()[-1].startswith(f"{len(detailed['findings'])} problems")


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        ([], {}, False),  # not a terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "0"}, False),
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the explicit option wins
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_modes(bad_spec: Path, args: list[str], env: dict[str, str], colored: bool) -> None:
    environ = {k: v for k, v in environment().items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    result = subprocess.run(
        [cli(), "check", str(bad_spec), *FOCUS, *args],
        capture_output=True,
        text=True,
        env={**environ, **env},
        timeout=60,
    )
    assert result.returncode == 1
    assert ("\x1b[31merror" in result.stdout) is colored


def test_color_refuses_an_unknown_mode(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--color", "sometimes")
    assert result.returncode == 2 and "expected one of auto, always, never" in result.stderr


@pytest.mark.parametrize(
    ("words", "current", "expected"),
    [
        ("restcheck ch", "1", "check"),
        ("restcheck check --fail", "2", "--fail-on"),
        ("restcheck explain create-s", "2", "create-status"),
    ],
)
def test_shell_completion(words: str, current: str, expected: str) -> None:
    result = subprocess.run(
        [cli()],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **environment(),
            "_RESTCHECK_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": current,
        },
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout.split()


def test_the_completion_script_calls_back_restcheck() -> None:
    script = run_process("--show-completion", "bash")
    assert script.returncode == 0 and "_RESTCHECK_COMPLETE" in script.stdout


def _write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


class _Handler(BaseHTTPRequestHandler):
    routes: typing.ClassVar[dict[str, tuple[str, str]]] = {}

    def do_GET(self) -> None:
        content_type, body = self.routes.get(self.path, ("text/plain", ""))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, tuple[str, str]]]]:
    routes: typing.ClassVar[dict[str, tuple[str, str]]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll: shutdown() waits for the loop to look (0.5 s by default).
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    httpd.shutdown()


def test_url_spec_and_base_url(server: tuple[str, dict[str, tuple[str, str]]]) -> None:
    base, routes = server
    routes["/openapi.json"] = ("application/json", json.dumps(BAD))
    routes["/"] = ("text/html", "<html>docs</html>")
    direct = run("check", f"{base}/openapi.json", "-f", "json")
    assert direct.returncode == 1
    found = run("check", base, "-f", "json")
    assert found.returncode == 1
    assert json.loads(found.stdout)["findings"][0]["source"] == f"{base}/openapi.json"


def test_url_answering_html_exits_2(server: tuple[str, dict[str, tuple[str, str]]]) -> None:
    base, routes = server
    routes["/docs"] = ("text/html", "<html>docs</html>")
    result = run("check", f"{base}/docs")
    assert result.returncode == 2
    assert "got an HTML page" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_document_that_is_no_fastapi_export_gets_a_notice(tmp_path: Path) -> None:
    other = document(
        """
        paths:
          /v1/charges/:
            post:
              requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object}}}}
              responses: {"200": {description: OK}}
        """
    )
    path = tmp_path / "stripe-like.json"
    path.write_text(json.dumps(other))
    result = run("check", str(path), "-f", "json", "--fail-on", "never")
    notices = json.loads(result.stdout)["notices"]
    assert [n["message"].split(" (")[0] for n in notices] == [
        "the document does not look like a FastAPI export"
    ]
    assert "no HTTPValidationError schema" in notices[0]["message"]
    assert "1 of 1 request bodies are forms" in notices[0]["message"]
    assert "does not look like a FastAPI export" in result.stderr
    exported = Path(__file__).parent.parent / "specs" / "shop" / "openapi.json"
    clean = run("check", str(exported), "-f", "json")
    assert "notices" not in json.loads(clean.stdout) and clean.stderr == ""


def test_console_script_reads_a_big_yaml_ahead_with_the_same_answers(tmp_path: Path) -> None:
    from tests.test_source import _big_yaml

    spec = _big_yaml(tmp_path / "big.yaml")
    ahead = run_process("check", str(spec), "--format", "json", "--fail-on", "never")
    in_process = run("check", str(spec), "--format", "json", "--fail-on", "never")
    assert ahead.returncode == in_process.returncode == 0, ahead.stderr
    assert json.loads(ahead.stdout) == json.loads(in_process.stdout)
    assert json.loads(ahead.stdout)["findings"]
    # A bad option is still said first; an unreadable big file, as one line.
    bad_option = run_process("check", str(spec), "--no-such-option")
    assert bad_option.returncode == 2 and "No such option" in bad_option.stderr
    broken = _big_yaml(tmp_path / "broken.yaml", broken=True)
    result = run_process("check", str(broken))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"restcheck: {broken}:{len(broken.read_text().splitlines())}:1: invalid YAML: "
        "duplicate key 'paths'"
    ]
