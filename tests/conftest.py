"""Suite-wide isolation: no test reads or writes the user's settings, recovery files or caches.

Set before Qt or any module under test is imported, so even code that
resolves its folders at import time sees the private ones.
"""
import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_PRIVATE = tempfile.mkdtemp(prefix="eventscope-tests-")
# Removed when the run ends: every run made a new folder, and /tmp filled with hundreds of them.
atexit.register(shutil.rmtree, _PRIVATE, True)
for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
    os.environ[var] = os.path.join(_PRIVATE, sub)
