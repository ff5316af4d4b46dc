"""restcheck's version (a leaf: reports, baselines and the CLI name it)."""

__version__ = "0.1.0"
