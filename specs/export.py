"""Export the example apps' OpenAPI documents to `specs/<app>/openapi.json`.

    python specs/export.py           # (re)write every export that changed
    python specs/export.py --check   # exit 1, naming each stale export, if any differs

Run it from anywhere with the project's interpreter (`.venv/bin/python`); the apps are not an
installed package, so the repository root is put on `sys.path` first. The documents are what
`app.openapi()` returns, as `json.dumps(..., indent=2, ensure_ascii=False)` plus a newline.
"""

import argparse
import importlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
APPS = ("shop", "legacy")


def render(name: str) -> str:
    """The OpenAPI document FastAPI generates now for `specs/<name>/app.py`, as text."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    app = importlib.import_module(f"specs.{name}.app").app
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"


def export_path(name: str) -> Path:
    return SPECS / name / "openapi.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if an export is stale"
    )
    parser.add_argument("apps", nargs="*", metavar="APP", help=f"default: {' '.join(APPS)}")
    args = parser.parse_args(argv)
    for name in args.apps:
        if name not in APPS:
            parser.error(f"unknown app {name!r}; choose from {', '.join(APPS)}")

    stale = []
    for name in args.apps or APPS:
        path = export_path(name)
        shown = path.relative_to(ROOT).as_posix()
        text = render(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            print(f"up to date: {shown}")
        elif args.check:
            stale.append(shown)
            why = "missing" if current is None else "differs from what FastAPI generates now"
            print(f"stale: {shown} {why}", file=sys.stderr)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote: {shown}")

    if stale:
        print(
            f"{len(stale)} stale export(s): {', '.join(stale)}. Run `python specs/export.py` "
            f"(fastapi {version('fastapi')}, pydantic {version('pydantic')}).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
