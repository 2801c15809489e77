"""Browser tests: the built site in Debian's chromium (see conftest.py)."""
