"""Dateline's benchmarks: one module per benchmark, each run from the checkout as a module.

    .venv/bin/python -m bench.pages                # the page targets: nginx, cached, uncached
    .venv/bin/python -m bench.comments.post        # readers commenting at once

bench/README.md lists every benchmark, its targets and its last results; `bench.harness` holds what
they share (servers, /proc readings, wrk, an HTTP client, the reports).
"""
