"""Arabic dates: 29 نوفمبر 2026، 05:03 UTC."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i T"
SHORT_DATETIME_FORMAT = "j F، H:i"
TIME_FORMAT = "H:i"
