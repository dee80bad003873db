"""The training's screens in the Wagtail admin: coordinator reports and extra-attempt grants
(registered in lms/wagtail_hooks.py)."""
