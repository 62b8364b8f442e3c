"""Charts drawn with matplotlib: functions that return a Figure; callers save them."""
