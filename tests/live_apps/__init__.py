"""FastAPI apps the live-server tests serve (tests/test_probe.py, tests/test_live_check.py)."""
