"""Quantities written for people: byte counts and durations with a unit that fits."""
from __future__ import annotations


def human_bytes(n: float) -> str:
    """Format a byte count with a decimal unit (kB = 1,000 bytes).

    Example: ``human_bytes(200_000)`` → ``"200 kB"``; ``human_bytes(1.2e10)`` → ``"12 GB"``.
    """
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.3g} {unit}"
        n /= 1000


def human_seconds(seconds: float | None) -> str:
    """``None`` → "not measured"; 0.4 → "under 1 s"; 42 → "42 s"; 185 → "3 min 5 s".

    Example: ``human_seconds(3725)`` → "62 min 5 s".
    """
    if seconds is None:
        return "not measured"
    if seconds < 1:
        return "under 1 s"
    seconds = round(seconds)
    return f"{seconds} s" if seconds < 60 else f"{seconds // 60} min {seconds % 60} s"
