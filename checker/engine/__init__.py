"""Running rules: from a model to findings, and what a run is configured with.

registry.py   what a rule is (`@rule`, `Rule`, `Problem`, `Option`): id, area, severity,
              scope, options and docs, read from the function
catalogue.py  every rule: imports `checks` (which registers them) and orders them
config.py     the configuration file: selection, severities, options, per-path overrides
findings.py   `Finding`: a problem with its rule, severity, source, position, fingerprint
runner.py     `lint(source, config)`: the one pipeline every front-end calls (rules, inline
              ignores, overrides, positions), and the fail-on threshold
baseline.py   accepted findings recorded by fingerprint

`checks/` sits between registry.py (which it imports) and catalogue.py (which imports it).
"""
