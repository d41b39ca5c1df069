"""A CDN in front: the purges of the page cache, sent to the CDN by the worker that follows the
outbox (`sender`), through the CDN's tag-purge API (`purgers`)."""
