"""The comment benchmarks (issue 4, section 5; bench/README.md, "Comments"), one module each:

    .venv/bin/python -m bench.comments.post            # 200 signed-in readers commenting at once for 60 s
    .venv/bin/python -m bench.comments.page            # the first page of a discussion of 10,000 comments
    .venv/bin/python -m bench.comments.post_profile    # where one comment's POST spends its time (no server)

Each makes its own data directory afresh (`--data`; it refuses one it did not make), runs
`dateline setup` and adds stories on it, creates readers with confirmed e-mail addresses and
ready-made sessions in-process (no log-in requests), and starts the server as `dateline serve
--no-worker` does (`dateline.cli.granian_command`, one worker) with `DATELINE_COMMENT_RATE=100000/m`:
the per-reader rate limit is a product rule, not what is measured. What they share is in
`bench.comments.common`; the timing of a request's parts in `bench.comments.timing`.
"""
