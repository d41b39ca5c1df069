"""Live coverage: a story that grows by short, timed entries that readers see arrive live."""
