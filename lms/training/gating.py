"""Which modules a learner may open: pure functions over ids, no database.

A module opens when its explicit prerequisites are all completed or, where an editor set none,
when the module before it in the track is completed. The first module is always open, and staff
(editors, coordinators) may open every module.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ModuleState(StrEnum):
    COMPLETED = "completed"
    AVAILABLE = "available"
    LOCKED = "locked"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class ModuleNode:
    id: int
    previous_id: int | None
    prerequisite_ids: tuple[int, ...] = ()

    @property
    def required_ids(self) -> tuple[int, ...]:
        if self.prerequisite_ids:
            return self.prerequisite_ids
        return (self.previous_id,) if self.previous_id is not None else ()


def module_blockers(
    node: ModuleNode, completed_ids: Collection[int], *, staff: bool = False
) -> list[int]:
    """The modules still to complete before this one opens (empty when open)."""
    if staff:
        return []
    return [m for m in node.required_ids if m not in completed_ids]


def module_state(
    node: ModuleNode, completed_ids: Collection[int], *, staff: bool = False
) -> ModuleState:
    if node.id in completed_ids:
        return ModuleState.COMPLETED
    if module_blockers(node, completed_ids, staff=staff):
        return ModuleState.LOCKED
    return ModuleState.AVAILABLE


def track_nodes(
    module_ids: Sequence[int], prerequisites: dict[int, Sequence[int]]
) -> list[ModuleNode]:
    """Nodes for a track's modules in order, each knowing the one before it."""
    return [
        ModuleNode(
            id=module_id,
            previous_id=module_ids[index - 1] if index else None,
            prerequisite_ids=tuple(prerequisites.get(module_id, ())),
        )
        for index, module_id in enumerate(module_ids)
    ]
