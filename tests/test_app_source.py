"""FastAPI apps as a source (`--app`): the same findings as their export, at their Python
lines; `export --check`; the Python API and the pytest helper. The apps are the real ones of
specs/ and small ones written here. What a command finds on specs/' apps is asked of
`main()` in this interpreter (FastAPI and the app imported once, not once a command); the
console script in a fresh process (as a user's CI runs it) imports the legacy app in
test_text_shows_the_python_line_and_the_pointer, and the apps written here that the tests
rewrite (an imported module would be the old one here). The broken apps are imported here,
each command importing its case's module afresh."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, SPECS, cli, environment, run_cli

LEGACY_APP = "specs.legacy.app:app"
SHOP_APP = "specs.shop.app:app"
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli(), *map(str, args)],
        capture_output=True,
        text=True,
        # The tests rewrite an app within the same second: no stale bytecode (same size, mtime).
        env={**environment(), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
        cwd=cwd,
    )


def call(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in this interpreter, from the project's folder (specs.*.app importable)."""
    return run_cli(*args, cwd=ROOT)


def findings(*args: str | Path, cwd: Path = ROOT, fresh: bool = False) -> list[dict[str, Any]]:
    """`check --format json`'s findings: in this interpreter, or in a fresh process (for an
    app the test rewrites: an imported module would be the old one here)."""
    result = (
        run("check", *args, "--format", "json", cwd=cwd)
        if fresh
        else run_cli("check", *args, "--format", "json", cwd=cwd)
    )
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


def line_of(text: str, start: str, after: str | None = None) -> int:
    """The 1-based line of the first line starting with `start` (after the line `after`)."""
    lines = text.splitlines()
    begin = lines.index(after) if after is not None else 0
    return next(i for i, line in enumerate(lines[begin:], begin + 1) if line.startswith(start))


@pytest.mark.parametrize("name", ["shop", "legacy"])
def test_check_app_finds_what_check_finds_on_its_export(name: str) -> None:
    from_file = findings(SPECS / name / "openapi.json")
    from_app = findings("--app", f"specs.{name}.app:app")
    assert [(f["rule"], f["pointer"], f["fingerprint"]) for f in from_app] == [
        (f["rule"], f["pointer"], f["fingerprint"]) for f in from_file
    ]


def test_findings_point_at_the_route_function_and_the_model() -> None:
    text = (SPECS / "legacy" / "app.py").read_text()
    found = {f["rule"]: f for f in findings("--app", LEGACY_APP)}
    create = found["create-status"]
    # The route function's definition starts at its decorator, where status_code= goes.
    decorator = (
        text.splitlines().index("# DEVIATION create-status: a create answering 200 instead of 201.")
        + 2
    )
    assert text.splitlines()[decorator - 1].startswith("@router.post(")
    assert create["code"] == {
        "file": "specs/legacy/app.py",
        "line": decorator,
        "symbol": "create_coupon",
    }
    schema = next(
        f
        for f in findings("--app", LEGACY_APP)
        if f["rule"] == "snake-case-fields" and f["method"] is None and "Contact" in f["pointer"]
    )
    assert schema["code"] == {
        "file": "specs/legacy/app.py",
        "line": line_of(text, "class Contact("),
        "symbol": "class Contact",
    }
    # A finding about the document has no Python location: no code key, the pointer as ever.
    assert all("code" not in f for f in findings(SPECS / "legacy" / "openapi.json"))


def test_text_shows_the_python_line_and_the_pointer() -> None:
    result = run("check", "--app", LEGACY_APP, "--select", "create-status")
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "create-status" in line)
    assert line.split()[0].startswith("specs/legacy/app.py:")
    assert "[/paths/~1v1~1coupons~1/post/responses]" in line


def test_sarif_and_github_point_at_the_python_files() -> None:
    sarif_run = call("check", "--app", LEGACY_APP, "--format", "sarif")
    sarif = json.loads(sarif_run.stdout)
    if SARIF_SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(SARIF_SCHEMA.read_text())
        validator = jsonschema.validators.validator_for(schema)
        validator(schema, format_checker=validator.FORMAT_CHECKER).validate(sarif)
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "specs/legacy/app.py" in uris
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for rule_id, change in (
        ("create-status", "status_code=201"),
        ("delete-status", "status_code=204"),
        ("pagination-params", "Query(1, ge=1"),
        ("partial-update", "str | None = None"),
        ("separate-write-schemas", "class CustomerCreate"),
    ):
        help_ = rules[rule_id]["help"]
        assert "## Fix in FastAPI" in help_["markdown"] and change in help_["markdown"], rule_id
        assert change in help_["text"]
    create = next(r for r in results if r["ruleId"] == "create-status")
    assert (
        create["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "specs/legacy/app.py"
    )
    annotations = call("check", "--app", LEGACY_APP, "--format", "github").stdout.splitlines()
    create_line = next(a for a in annotations if "create-status" in a)
    assert create_line.startswith("::error file=specs/legacy/app.py,line=")


def test_review_and_diff_take_the_app() -> None:
    review = json.loads(call("review", "--app", LEGACY_APP, "--format", "json").stdout)
    assert review["summary"]["operations"] == 44
    same = call("diff", SPECS / "legacy" / "openapi.json", "--app", LEGACY_APP, "--format", "json")
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["changes"] == []
    both = call("diff", "a.json", "b.json", "--app", LEGACY_APP)
    assert both.returncode == 2 and "not both" in both.stderr


def test_baseline_from_the_app(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert call("baseline", "--app", LEGACY_APP, "--output", baseline).returncode == 0
    gated = call("check", "--app", LEGACY_APP, "--baseline", baseline)
    assert gated.returncode == 0, gated.stdout + gated.stderr


# -- apps of our own, in a folder of their own --------------------------------------------------

APP = """
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Widget(BaseModel):
    id: str
    name: str


@app.post("/v1/widgets/", STATUS)
def create_widget(widget: Widget) -> Widget:
    return widget


@app.get("/v1/widgets/{id}")
def get_widget(id: str) -> Widget:
    return Widget(id=id, name="w")


def make():
    return app
"""


def write_app(folder: Path, status: str = "status_code=201") -> Path:
    (folder / "service").mkdir(parents=True, exist_ok=True)
    (folder / "service" / "__init__.py").write_text("")
    path = folder / "service" / "main.py"
    path.write_text(textwrap.dedent(APP).replace("STATUS", status))
    return path


def test_export_check_fails_after_a_route_change_and_passes_after_re_export(tmp_path: Path) -> None:
    write_app(tmp_path)
    spec = tmp_path / "openapi.json"
    wrote = run("export", "--app", "service.main:app", "--output", spec, cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    document = json.loads(spec.read_text())
    assert list(document) == sorted(document)  # sorted keys: stable whatever the app's order
    assert spec.read_text().startswith('{\n  "components"')
    assert (
        run("export", "--app", "service.main:app", "-o", spec, "--check", cwd=tmp_path).returncode
        == 0
    )

    write_app(tmp_path, 'status_code=200, responses={409: {"description": "Conflict"}}')
    stale = run("export", "--app", "service.main:app", "-o", spec, "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "openapi.json is stale" in stale.stderr and "API change" in stale.stderr
    assert "POST /v1/widgets/" in stale.stderr
    assert "restcheck export --app service.main:app --output" in stale.stderr
    assert json.loads(spec.read_text()) == document  # --check writes nothing

    assert run("export", "--app", "service.main:app", "-o", spec, cwd=tmp_path).returncode == 0
    assert (
        run("export", "--app", "service.main:app", "-o", spec, "--check", cwd=tmp_path).returncode
        == 0
    )
    # Reformatting alone is named as such.
    spec.write_text(json.dumps(json.loads(spec.read_text()), indent=4))
    reformatted = run("export", "--app", "service.main:app", "-o", spec, "--check", cwd=tmp_path)
    assert reformatted.returncode == 1 and "formatted differently" in reformatted.stderr
    indented = run(
        "export", "--app", "service.main:app", "--indent", "4", "--no-sort-keys", cwd=tmp_path
    )
    assert indented.stdout.startswith('{\n    "openapi"')


def test_app_dir_and_a_factory(tmp_path: Path) -> None:
    def create_status() -> list[dict[str, Any]]:
        project = tmp_path / "project"
        args = ("--app", "service.main:make()", "--app-dir", project, "--select", "create-status")
        return findings(*args, cwd=tmp_path, fresh=True)

    path = write_app(tmp_path / "project")
    assert create_status() == []  # 201: conforming
    write_app(tmp_path / "project", "status_code=200")
    found = create_status()
    assert [f["rule"] for f in found] == ["create-status"]
    code = found[0]["code"]
    assert code["file"] == "project/service/main.py"  # relative to the working directory
    assert (tmp_path / code["file"]).resolve() == path.resolve()
    assert code["line"] == line_of(path.read_text(), '@app.post("/v1/widgets/"')


@pytest.mark.parametrize(
    ("source", "spec", "message"),
    [
        (
            "raise RuntimeError('DATABASE_URL is not set')",
            "broken:app",
            "cannot import broken: RuntimeError: DATABASE_URL is not set",
        ),
        (
            "import not_installed_anywhere",
            "broken:app",
            "ModuleNotFoundError: No module named 'not_installed_anywhere'",
        ),
        ("app = 42", "broken:app", "int is not a FastAPI app"),
        (
            "def make():\n    raise ValueError('no config')",
            "broken:make()",
            "make() failed: ValueError: no config",
        ),
        ("", "broken:missing", "broken has no attribute 'missing'"),
        ("import sys\nsys.exit(3)", "broken:app", "importing broken exited (3)"),
    ],
)
def test_an_app_that_cannot_be_made_is_exit_2_with_one_line(
    tmp_path: Path, source: str, spec: str, message: str
) -> None:
    (tmp_path / "broken.py").write_text(source + "\n")
    for command in (["check", "--app", spec], ["export", "--app", spec]):
        try:
            result = run_cli(*command, cwd=tmp_path)
        finally:  # each command imports this case's broken.py afresh, as a new process would
            sys.modules.pop("broken", None)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and f"--app {spec}" in lines[0], (
            result.stderr
        )
        assert "Traceback" not in result.stderr


def test_check_needs_a_source_or_an_app() -> None:
    result = call("check")
    assert result.returncode == 2 and "SOURCE" in result.stderr and "--app" in result.stderr


# -- the Python API, in this interpreter --------------------------------------------------------


def test_the_python_api_gives_the_command_lines_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker

    monkeypatch.chdir(ROOT)
    from specs.legacy.app import app

    expected = [(f["rule"], f["fingerprint"]) for f in findings(SPECS / "legacy" / "openapi.json")]
    by_file = checker.check_file(SPECS / "legacy" / "openapi.json")
    by_document = checker.check_document(app.openapi())
    by_app = checker.check_app(app)
    by_spec = checker.check_app(LEGACY_APP)
    for found in (by_file, by_document, by_app, by_spec):
        assert [(f.rule, f.fingerprint) for f in found] == expected
    create = next(f for f in by_app if f.rule == "create-status")
    assert create.code is not None and create.code.file == "specs/legacy/app.py"
    text = checker.format_findings(by_app)
    assert "specs/legacy/app.py:" in text and text.rstrip().endswith("in 1 file of 1 checked")


def test_assert_conforms_fails_with_readable_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.testing import assert_conforms

    monkeypatch.chdir(ROOT)
    from specs.legacy.app import app as legacy
    from specs.shop.app import app as shop

    with pytest.raises(AssertionError) as failed:
        assert_conforms(legacy)
    message = str(failed.value)
    assert message.startswith("the API deviates from the guidelines (fail-on error):")
    assert "specs/legacy/app.py:" in message and "create-status" in message
    assert "write-returns-read-schema" not in message  # a warning, below fail-on error
    assert assert_conforms(legacy, select=["write-returns-read-schema"])  # warnings only: passes
    with pytest.raises(AssertionError):
        assert_conforms(legacy, select=["write-returns-read-schema"], fail_on="warn")
    assert assert_conforms(shop) == []
    assert assert_conforms(str(SPECS / "shop" / "openapi.json")) == []
    assert assert_conforms(SHOP_APP) == []


def test_python_dash_m_checker() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(SPECS / "shop" / "openapi.json")],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No problems found in 1 file."


def test_class_lines_are_where_inspect_finds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """code_map parses a file once for its classes' lines: the lines inspect gives, for
    decorated classes, nested ones and classes made in a function."""
    import importlib.util
    import inspect

    from checker.load.app import _class_lines

    path = tmp_path / "models_here.py"
    path.write_text(
        textwrap.dedent(
            """
            import dataclasses


            class Plain:
                class Inner:
                    pass


            @dataclasses.dataclass
            class Decorated:
                id: str


            def make():
                @dataclasses.dataclass(frozen=True)
                class Made:
                    pass

                return Made


            if True:
                class Guarded:
                    pass
            """
        )
    )
    spec = importlib.util.spec_from_file_location("models_here", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "models_here", module)  # where inspect looks
    spec.loader.exec_module(module)
    classes = [module.Plain, module.Plain.Inner, module.Decorated, module.make(), module.Guarded]
    lines = _class_lines(str(path), module)
    assert {c.__qualname__: lines[c.__qualname__] for c in classes} == {
        c.__qualname__: inspect.getsourcelines(c)[1] for c in classes
    }
    assert (
        lines["make.<locals>.Made"]
        == path.read_text().splitlines().index("    @dataclasses.dataclass(frozen=True)") + 1
    )
