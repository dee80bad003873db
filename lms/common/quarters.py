"""Calendar quarters (January to March is Q1), for the reports that go out by quarter: PCB's
participant list and the outcomes report. Plain data, no Django."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """'2026-Q4' -> Quarter(2026, 4); ValueError for anything else."""
        year, _, number = text.partition("-Q")
        if not (year.isascii() and year.isdigit() and number in {"1", "2", "3", "4"}):
            raise ValueError(text)
        return cls(int(year), int(number))

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        following = date(self.year + 1, 1, 1) if self.number == 4 else self.following.first_day
        return following - timedelta(days=1)

    @property
    def following(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self} ({self.first_day:%B %-d} to {self.last_day:%B %-d, %Y})"


def recent_quarters(today: date, count: int = 12) -> list[Quarter]:
    """The current quarter and the ones before it, newest first (never a future quarter)."""
    quarters = [Quarter.containing(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous)
    return quarters
