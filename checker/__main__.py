"""`python -m checker ...`: the same command line as `restcheck ...`."""

import sys

from checker.cli.main import main

sys.exit(main())
