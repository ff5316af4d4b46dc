"""`python -m checker ...`: the same command line as `restcheck ...`."""

from checker.cli.main import run

run()
