"""The credentials workspace in the Wagtail admin (registered in credentials/wagtail_hooks.py)."""
