"""Count how many generated examples of a property test reach the property (not rejected by ``assume``).

A property test whose examples are mostly rejected proves little; each counted test asserts at the end that at least
``MINIMUM`` of the examples hypothesis generated got past every ``assume`` and had the property checked.
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMUM = 0.8


@dataclass
class Reach:
    """``tried`` examples generated, ``reached`` examples that got to the property."""

    name: str
    tried: int = 0
    reached: int = 0

    def start(self) -> None:
        """Call first thing in the example."""
        self.tried += 1

    def arrived(self) -> None:
        """Call after the last ``assume``, where the property is checked."""
        self.reached += 1

    def check(self, minimum: float = MINIMUM) -> None:
        """At least ``minimum`` of the examples reached the property."""
        assert self.tried > 0, self.name
        share = self.reached / self.tried
        print(f"{self.name}: {self.reached} of {self.tried} examples reached the property ({share:.0%})")
        assert share >= minimum, f"{self.name}: only {self.reached} of {self.tried} examples reached the property"
