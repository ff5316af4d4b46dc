"""The judged precision of each rule on other teams' APIs (docs/precision.md, issue 11).

Draws a reproducible sample of each rule's findings (and of operations' kinds) on the current
code over the evaluation set, reuses the reviewer's verdicts in tests/eval_verdicts/, lists the
ones nobody has judged yet, and prints the tables docs/precision.md quotes.

usage (from the repository, with RESTCHECK_EVAL_DIR pointing at the local-only specs):
  .venv/bin/python -m tests.eval_score RULE[,RULE...] [--n 20] [--seed 2] [--kinds 200]
      [--unjudged] [--tables FILE.md] [--counts]

Verdict files (tab-separated, one per rule, same dir):
  <rule>.tsv : spec  method  path  message  verdict(true|false|debatable)  reason
  kinds.tsv  : spec  method  path  reviewer_kind  reason        (agreement = model kind == it)
Findings are matched by (spec, METHOD, path, message); kinds by (spec, METHOD, path).
Unjudged entries are printed with context (parameters, body, responses) to judge.
"""

import argparse
import collections
import random
from pathlib import Path

from tests.eval_report import check_all, directories

HERE = Path(__file__).resolve().parent / "eval_verdicts"


def short(schema, depth=0):
    if not isinstance(schema, dict):
        return str(schema)
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for k in ("anyOf", "oneOf", "allOf"):
        if k in schema:
            return k + "[" + ", ".join(short(s, depth + 1) for s in schema[k]) + "]"
    t = schema.get("type")
    if t == "array":
        return "array<" + short(schema.get("items", {}), depth + 1) + ">"
    if t == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if depth > 1:
            return "{" + ",".join(list(props)[:6]) + "}"
        return (
            "{"
            + ", ".join(f"{k}:{short(v, depth + 1)}" for k, v in list(props.items())[:8])
            + ("…" if len(props) > 8 else "")
            + "}"
        )
    out = str(t) if t else "{}"
    if "format" in schema:
        out += f"({schema['format']})"
    if "enum" in schema:
        out += "enum" + str(schema["enum"][:6])
    if "default" in schema:
        out += f"={schema['default']!r}"
    return out


def comp_short(api, schema):
    if isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = api.document.get("components", {}).get("schemas", {}).get(name)
        return name + short(target or {}, 1)
    return short(schema)


def op_context(api, op):
    params = "; ".join(
        f"{p.location[0]}:{p.name}:{short(p.schema)}" + ("!" if p.required else "")
        for p in op.parameters
    )
    body = ""
    if op.body:
        body = " | body " + ", ".join(
            f"{mt}:{comp_short(api, s)}" for mt, s in op.body.content.items()
        )
    resp = ", ".join(
        f"{s}:" + ("/".join(f"{m}={comp_short(api, sc)}" for m, sc in r.content.items()) or "-")
        for s, r in op.responses.items()
        if s != "422"
    )
    res = op.resource.name if op.resource else "-"
    return (
        f"{op.label} [{op.kind}, res={res}; {op.kind_reason}] params({params}){body} | resp {resp} "
        f"| {op.raw.get('summary', '')}"
    )[:900]


def read_tsv(path, width):
    found = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (width - len(cols))
            found[tuple(cols[: width - 2])] = (cols[width - 2], cols[width - 1])
    return found


def where(f):
    path, method = f.about()
    return (method or "").upper(), path or f.pointer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rules", nargs="?", default="")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--kinds", type=int, default=0)
    ap.add_argument("--unjudged", action="store_true", help="print only unjudged, with context")
    ap.add_argument("--tables", help="write markdown tables to this file")
    ap.add_argument("--counts", action="store_true", help="findings per spec per rule")
    a = ap.parse_args()
    checked = list(check_all(directories([])))
    md = []
    summary = []
    if a.counts:
        for c in checked:
            print(
                c.name,
                len(c.findings),
                {
                    r: n
                    for r, n in sorted(collections.Counter(f.rule for f in c.findings).items())
                    if not a.rules or r in a.rules.split(",")
                },
            )
    for rule in [r for r in a.rules.split(",") if r]:
        verdicts = read_tsv(HERE / f"{rule}.tsv", 6)
        pool = [(c, f) for c in checked for f in c.findings if f.rule == rule]
        chosen = random.Random(a.seed).sample(pool, min(a.n, len(pool)))
        rows, counts, unjudged = [], {"true": 0, "false": 0, "debatable": 0}, []
        for i, (c, f) in enumerate(chosen, 1):
            m, p = where(f)
            key = (c.name, m, p, f.message)
            v = verdicts.get(key)
            if v is None:
                unjudged.append((i, c, f, key))
                continue
            counts[v[0]] = counts.get(v[0], 0) + 1
            rows.append(
                f"| {i} | {c.name} | `{m} {p}`".replace("` ", "`")
                + f" | {f.message[:140]} | {'**false**' if v[0] == 'false' else v[0]} | {v[1]} |"
            )
        t, fa, d = counts["true"], counts["false"], counts["debatable"]
        prec = f"{100 * t / (t + fa):.0f}%" if t + fa else "-"
        line = f"| `{rule}` | {len(pool)} | {t + fa + d} | {t} | {fa} | {d} | {prec} |"
        summary.append(line)
        md.append(
            f"\n### `{rule}`: {t + fa + d} of {len(pool)} findings judged (sample {len(chosen)}, seed {a.seed}); {t} true, {fa} false, {d} debatable; precision {prec}\n"
        )
        md.append(
            "| # | spec | operation | message | verdict | reason |\n|---|---|---|---|---|---|"
        )
        md.extend(rows)
        print(line + (f"  UNJUDGED {len(unjudged)}" if unjudged else ""))
        for _i, c, _f, key in unjudged:
            print("\t".join(key) + "\t\t")
            ops = [
                o
                for o in c.api.operations
                if o.path == key[2] and (not key[1] or o.method == key[1].lower())
            ]
            for o in ops:
                print("    # " + op_context(c.api, o))
    if a.kinds:
        verdicts = read_tsv(HERE / "kinds.tsv", 5)
        pool = [(c, op) for c in checked for op in c.api.operations]
        chosen = random.Random(a.seed).sample(pool, min(a.kinds, len(pool)))
        agree, judged, dis, unj = 0, 0, [], []
        for i, (c, op) in enumerate(chosen, 1):
            key = (c.name, op.method.upper(), op.path)
            v = verdicts.get(key)
            if v is None:
                unj.append((i, c, op, key))
                continue
            judged += 1
            if v[0] == op.kind:
                agree += 1
            else:
                dis.append(f"| K{i} | {c.name} | `{op.label}` | {op.kind} | {v[0]}: {v[1]} |")
        pct = f"{100 * agree / judged:.1f}%" if judged else "-"
        print(f"kinds: {agree} of {judged} judged agree ({pct}); unjudged {len(unj)}")
        for _i, c, op, key in unj:
            print("\t".join(key) + f"\t{op.kind}\t")
            print("    # " + op_context(c.api, op))
        for row in dis:
            print("  DIS " + row)
        md.insert(
            0,
            f"\n## Operation kinds: {agree} of {judged} agree ({pct}); sample of {len(chosen)} (seed {a.seed})\n\n"
            "| # | spec | operation | model | reviewer |\n|---|---|---|---|---|\n"
            + "\n".join(dis)
            + "\n",
        )
    if a.tables:
        head = "| rule | findings | judged | true | false | debatable | precision |\n|---|---|---|---|---|---|---|\n"
        Path(a.tables).write_text(
            "## Summary\n\n" + head + "\n".join(summary) + "\n" + "\n".join(md) + "\n"
        )


if __name__ == "__main__":
    main()
