"""Signals the learning engine sends; other apps (credentials) listen, lms imports none of them.

Both are sent once per learner and page, after the completion row is committed:

- module_completed(sender=ModuleCompletion, completion, user, module, hours, ce_topic, completed_at,
  pcb_approved)
  `module` is the ModulePage; `hours` a Decimal; `ce_topic` one of CETopic's values
  ("general", "ethics", "confidentiality"); `pcb_approved` whether the module's track had a
  complete PCB approval record on the day of completion.
- track_completed(sender=TrackCompletion, completion, user, track, completed_at)
  `track` is the TrackPage; `completion.module_revisions` maps module page id to the revision id
  of the quiz that was passed, and `completion.hours` the track's total hours.
"""

from django.dispatch import Signal

module_completed = Signal()
track_completed = Signal()
track_evaluated = Signal()
