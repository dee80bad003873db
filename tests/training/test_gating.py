from lms.training.gating import ModuleState, module_blockers, module_state, track_nodes

AVAILABLE, COMPLETED, LOCKED = ModuleState.AVAILABLE, ModuleState.COMPLETED, ModuleState.LOCKED


def test_first_module_is_open_and_each_next_opens_when_the_previous_is_completed():
    nodes = track_nodes([1, 2, 3], {})
    assert [module_state(n, set()) for n in nodes] == [AVAILABLE, LOCKED, LOCKED]
    assert [module_state(n, {1}) for n in nodes] == [COMPLETED, AVAILABLE, LOCKED]
    assert module_blockers(nodes[2], {1}) == [2]


def test_explicit_prerequisites_replace_the_previous_module_rule():
    nodes = track_nodes([1, 2, 3], {3: [1]})
    assert module_state(nodes[2], {1}) == AVAILABLE
    assert module_state(nodes[2], {2}) == LOCKED
    assert module_blockers(nodes[2], set()) == [1]


def test_all_explicit_prerequisites_are_needed():
    nodes = track_nodes([1, 2, 3], {3: [1, 2]})
    assert module_blockers(nodes[2], {1}) == [2]
    assert module_state(nodes[2], {1, 2}) == AVAILABLE


def test_staff_may_open_every_module_but_completion_still_shows():
    nodes = track_nodes([1, 2, 3], {3: [1, 2]})
    assert [module_state(n, {1}, staff=True) for n in nodes] == [COMPLETED, AVAILABLE, AVAILABLE]
    assert module_blockers(nodes[2], set(), staff=True) == []
