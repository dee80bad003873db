"""The browser suite against `make stack`: production settings, plus the demo accounts the suite
signs in with. `STACK_SETTINGS=lms.settings.stack_e2e make stack`, then `E2E_STACK=1 make e2e`.

Never for a real deployment: demo accounts have a known password.
"""

from .production import *

DEMO_DATA_ENABLED = True
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "e2e-demo-password")
# The second-factor flows run on a server of their own with staff MFA on (tests/e2e/conftest.py);
# here staff sign in with a password, as the rest of the suite expects.
STAFF_MFA_REQUIRED = False
AXES_ENABLED = False  # many sign-ins from one client in a few seconds, as in lms.settings.e2e
SIGN_UP_REQUESTS_PER_HOUR = 1000  # likewise many sign-ups (the limit has its own unit tests)
