from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105 - test settings, never deployed
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"

# A third kind of story that exists only in the tests (tests/storyapp): it shows
# that a new kind plugs in from its own app (README "Architecture").
INSTALLED_APPS = [*INSTALLED_APPS, "tests.storyapp"]  # noqa: F405
