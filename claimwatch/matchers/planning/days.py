"""Days as the planner compares them (ISO stamps, an answer's own day)."""

from datetime import UTC, date, datetime, timedelta


def day_of(iso: str) -> date | None:
    try:
        return datetime.fromisoformat(iso).date()
    except ValueError:
        return None


def iso_day(day: str | None) -> str | None:
    """A day as the stamp flags carry (midnight UTC), like an article's date alone."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC).isoformat() if day else None


def shift(iso: str, delta: timedelta) -> str:
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return (stamp + delta).isoformat()
