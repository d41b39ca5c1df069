"""Russian dates as a news site writes them: 29 ноября 2026, 05:03 UTC."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i T"
SHORT_DATETIME_FORMAT = "j E, H:i"
TIME_FORMAT = "H:i"
