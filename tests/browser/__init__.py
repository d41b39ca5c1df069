"""Reader journeys in headless Chromium against the real server (granian + the composed ASGI app)."""
