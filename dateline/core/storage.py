"""Static files storage: hashed names, including inside JavaScript module imports."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage


class StaticFilesStorage(ManifestStaticFilesStorage):
    # site.js imports live.js and newsfeed.js; their hashed names keep long browser caching safe.
    support_js_module_import_aggregation = True
