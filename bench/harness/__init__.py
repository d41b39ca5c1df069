"""What the benchmarks share: starting servers and reading their processes from /proc
(`processes`, `server`, `nginx`), waiting for a quiet machine (`machine`), measuring (`wrk`, `http`,
`sse`, `profiling`), the data they measure on (`environment`, `site`, `readers`) and the report
every run saves in bench/results (`report`)."""
