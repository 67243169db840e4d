"""Production settings: every secret, host and address must come from the environment.

Anything required that is missing or unusable stops the process at start-up with one
list of everything to fix (not one variable per attempt), instead of running with a
guessable default. With the variables set, `manage.py check --deploy` passes.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from intranet.core.logs import json_logging_config

from .base import *  # noqa: F403
from .base import MIDDLEWARE, database_from_env, env

# name -> what a good value looks like
REQUIRED_VARIABLES = {
    "SECRET_KEY": "a long random string, e.g. from "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`",
    "ALLOWED_HOSTS": "comma-separated host names, e.g. intranett.kommune.no",
    "DATABASE_URL": "postgres://USER:PASSWORD@HOST:5432/intranet",
    "EMAIL_URL": "smtp+tls://USER:PASSWORD@smtp.kommune.no:587",
    "DEFAULT_FROM_EMAIL": "intranett@kommune.no",
    "WAGTAILADMIN_BASE_URL": "https://intranett.kommune.no (used in e-mails)",
}


def check_environment() -> list[str]:
    """Every problem with the required variables, one line each."""
    problems = []
    for name, example in REQUIRED_VARIABLES.items():
        if not env.str(name, default="").strip():
            problems.append(f"{name} is not set: {example}")
    secret = env.str("SECRET_KEY", default="")
    if secret and (len(secret) < 50 or len(set(secret)) < 5):
        problems.append("SECRET_KEY is too short: use at least 50 random characters")
    database_url = env.str("DATABASE_URL", default="")
    if database_url and not database_url.startswith(
        ("postgres://", "postgresql://", "pgsql://")
    ):
        problems.append(
            "DATABASE_URL must point to PostgreSQL in production "
            f"(postgres://…), not {database_url.split(':', 1)[0]!r}"
        )
    base_url = env.str("WAGTAILADMIN_BASE_URL", default="")
    if base_url and urlsplit(base_url).scheme not in {"http", "https"}:
        problems.append("WAGTAILADMIN_BASE_URL must start with https:// (or http://)")
    return problems


_problems = check_environment()
if _problems:
    raise ImproperlyConfigured(
        "The production settings cannot start. Fix these environment variables "
        "(see .env.example and the README's Deployment section):\n"
        + "\n".join(f"  - {problem}" for problem in _problems)
    )

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in env.list("ALLOWED_HOSTS") if host.strip()]
DATABASES = {"default": database_from_env("")}
# Reuse connections between requests; checked before reuse so a restarted
# PostgreSQL does not turn into errors.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

_base_url = urlsplit(env.str("WAGTAILADMIN_BASE_URL"))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[]) or [
    f"{_base_url.scheme}://{_base_url.netloc}"
]

# HTTPS is terminated by the proxy in front (nginx, the load balancer), which
# must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# /healthz is polled over plain HTTP by load balancers and monitoring.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload flag only declares consent; listing is a separate, manual step.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only for trying the production settings over plain http on 127.0.0.1
# (`make run-prod-local`): browsers do not send Secure cookies over http.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp). The site's own pages have no inline script
# or style, so the policy is strict; embeds may only come from the video hosts the
# embed block is for. The Wagtail admin gets a looser policy (see
# intranet.core.middleware.ContentSecurityPolicyMiddleware).
_frame_hosts = env.list(
    "CSP_FRAME_SRC",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *_frame_hosts],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail's admin has inline scripts and style attributes without nonces.
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Image previews made in the browser before upload.
        "img-src": [SELF, "data:", "blob:"],
        # Wagtail shows the page preview in a frame of the admin itself.
        "frame-ancestors": [SELF],
    }
}

# No Gravatar: it would send a hash of every editor's e-mail address to a third
# party from inside the intranet. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

MIDDLEWARE = [
    "intranet.core.middleware.RequestIdMiddleware",
    *MIDDLEWARE,
]
# WhiteNoise serves the static files right after the security headers are set.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.clickjacking.XFrameOptionsMiddleware") + 1,
    "intranet.core.middleware.ContentSecurityPolicyMiddleware",
)

# Static files: hashed names, compressed (gzip and Brotli) by collectstatic and
# served by WhiteNoise with far-future caching. Media stays on the local disk
# (MEDIA_ROOT) behind the login: images served by intranet.core.views.media,
# documents only by Wagtail's document view (which checks the collection's view
# restrictions); both hand the sending to nginx when MEDIA_ACCEL_REDIRECT is set
# (see intranet.core.sendfile and deploy/nginx.conf).
# See the README for S3-compatible storage with django-storages.
MEDIA_ACCEL_REDIRECT = env.str("MEDIA_ACCEL_REDIRECT", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 * 60  # unhashed names; hashed ones get ten years

# /healthz reports the media disk as low below this many free megabytes.
HEALTH_MIN_FREE_MB = env.int("HEALTH_MIN_FREE_MB", default=1024)

LOGGING = json_logging_config(env.str("LOG_LEVEL", default="INFO"))
