"""English dates as an international news site writes them: 29 November 2026, 05:03 UTC."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATETIME_FORMAT = "j M, H:i"
TIME_FORMAT = "H:i"
