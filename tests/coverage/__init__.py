"""Live coverage: pages, entries, the newsroom's "Live entries", live events and the reader page."""
