"""The command line (Typer): one module per command group, all on one `app`.

app.py     the Typer app, the options the commands share, output helpers
check.py   `check`, `baseline`, `rules`, `explain`
review.py  `review`;  diff.py  `diff`;  probe.py  `probe`
main.py    the console entry point: registers the commands, maps errors to exit codes

Commands parse options, call the engine or a front-end package, and write reports; no
other package imports from here.
"""
