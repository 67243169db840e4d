"""gunicorn configuration: `gunicorn -c gunicorn.conf.py intranet.wsgi`.

Everything can be changed through the environment (systemd's EnvironmentFile):
GUNICORN_BIND (default 127.0.0.1:8000, behind nginx or a load balancer),
GUNICORN_WORKERS (default 2), GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT
(default 30 seconds). Logs are JSON lines on stdout like the application's.
"""

import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Restart workers now and then so that a slow leak cannot grow without bound, but
# rarely (at 150 requests/s, every few minutes rather than every 13 s) and not all
# at once: the jitter spreads the restarts of the workers apart.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-Proto; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
wsgi_app = "intranet.wsgi:application"
chdir = os.path.dirname(os.path.abspath(__file__))

# Requests are logged by the application (intranet.core.middleware.RequestIdMiddleware)
# with their request id, so gunicorn's own access log stays off.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "intranet.core.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
}


def on_starting(server):
    """Load the settings once in the master, so that a missing variable stops
    gunicorn at once with the list of what to fix instead of workers failing to
    boot one after another."""
    sys.path.insert(0, chdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.production")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 - reading it loads the settings
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"gunicorn: cannot start the intranet.\n{exc}\n")
        sys.exit(1)
