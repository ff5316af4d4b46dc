"""The command line (Typer): one module per command group, all on one `app`.

app.py     the Typer app, the options the commands share, output helpers
check.py   `check`, `baseline`, `rules`, `explain`
review.py  `review`;  diff.py  `diff`;  probe.py  `probe`
main.py    the console entry point: registers the commands, maps errors to exit codes

Commands parse options, call the engine or a front-end package, and write reports; no
other package imports from here.

The modules that define commands and options (app.py and the command modules) do without
`from __future__ import annotations`: Typer reads the annotations of the command it runs at
every start, and as strings it compiles and evaluates each one (~5 ms a run); evaluated at
import they cost nothing. Names imported only for type checking are quoted.
"""
