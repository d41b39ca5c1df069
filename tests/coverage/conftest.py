"""Fixtures for the coverage tests; the browser test finds Chromium as the browser tests do."""

from tests.browser.conftest import chromium  # noqa: F401  (a fixture, used by test_coverage_browser)
