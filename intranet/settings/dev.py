from .base import *  # noqa: F403
from .base import env

DEBUG = True
# Obviously fake: development only. production.py has no fallback.
SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
