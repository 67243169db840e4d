"""Settings shared by every environment.

Configuration comes from environment variables (see `.env.example`). With none set,
the intranet runs on the embedded default: SQLite, local media, the database search
backend and the console email backend.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


SQLITE_BUSY_TIMEOUT_SECONDS = 20

SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}


def database_from_env(default: str) -> dict:
    """Parse DATABASE_URL, failing early with a message a person can act on."""
    # Set but empty (as in .env.example) means the default too.
    url = env.str("DATABASE_URL", default="") or default
    hint = (
        "Expected e.g. postgres://user:password@127.0.0.1:5432/intranet "
        "or sqlite:///db.sqlite3"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            config = environ.Env.db_url_config(url)
    except Exception as exc:  # noqa: BLE001 - any parse error means the same here
        raise ImproperlyConfigured(
            f"DATABASE_URL is malformed ({exc}). {hint}"
        ) from exc
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        scheme = url.split(":", 1)[0] if ":" in url else url
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unsupported or missing scheme ({scheme!r}). {hint}"
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {})
        # WAL keeps readers and the single writer out of each other's way.
        config["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
        config["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
        # A writer waits up to 20 s for another to finish instead of failing with
        # "database is locked" after SQLite's default 5 s.
        config["OPTIONS"].setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
    else:
        config.setdefault("OPTIONS", {})
        # PostgreSQL compiles a query to machine code when its estimated cost is
        # high (JIT): worth it for reports that run for seconds, not for an
        # intranet's requests, where the compiling was most of the time of the
        # few large queries (publishing's subscription match: 26 of 130 ms).
        config["OPTIONS"].setdefault("options", "-c jit=off")
    return config


INSTALLED_APPS = [
    "intranet.core",
    "news",
    "cases",
    "search",
    "intranet.subscriptions",
    "intranet.composer",
    "intranet.promotion",
    "intranet.planning",
    "intranet.dialogue",
    "intranet.people",
    "intranet.notices",
    "intranet.reach",
    "intranet.freshness",
    "intranet.insights",
    "intranet.offline",
    "intranet.sso",
    "intranet.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intranet.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # An intranet: every view needs a logged-in person unless it is marked
    # with @login_not_required (login page, health check, public feed).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # The response that logs someone in or out tells the browser to forget the
    # pages it kept for offline reading (Clear-Site-Data).
    "intranet.offline.middleware.ClearSiteDataMiddleware",
    # ...and sets the language the person chose (kept on them) for the browser.
    "intranet.people.middleware.PersonLanguageMiddleware",
    # Reads who may not see which pages once per request, not once per list.
    "intranet.core.request_memo.RequestMemoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "intranet.core.middleware.BadInputMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intranet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "intranet.core.context_processors.publishing",
                "intranet.subscriptions.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "intranet.wsgi.application"

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": environ.Env.cache_url_config(
        env.str("CACHE_URL", default="") or "locmemcache://intranet"
    ),
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a username + address locked out after too many failures.
    "intranet.sso.lockout.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Only answers the SSO callback, and only when OIDC_ISSUER is set.
    "intranet.sso.backends.OidcBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAILADMIN_LOGIN_URL = "/logg-inn/"

# Brute-force protection on the password login forms (django-axes; see
# intranet/sso/lockout.py): LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address lock that pair out for LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout ends on time even if someone keeps trying meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "intranet.sso.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "intranet.sso.lockout.client_ip"
# Only failures are kept; no record of every successful login.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Proxies whose X-Forwarded-For names the client (nginx on the same machine).
LOGIN_TRUSTED_PROXIES = env.list("LOGIN_TRUSTED_PROXIES", default=["127.0.0.1", "::1"])

# Norwegian Bokmål first; Nynorsk and English for those who choose them (the
# choice is kept per person, see intranet.people.middleware). Wagtail has no
# Nynorsk catalogue: its own screens fall back to Bokmål, the default language.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
WAGTAIL_CONTENT_LANGUAGES = [("nb", _("Norwegian Bokmål"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [
    # Wagtail's own admin strings that its Norwegian catalogue lacks.
    BASE_DIR / "intranet" / "core" / "wagtail_nb" / "locale",
    BASE_DIR / "locale",
]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "intranet.core.staticfiles.BundleFinder",
]
# One stylesheet and one script for every page, joined from these files in this
# order (intranet/core/staticfiles.py): a phone fetches each once for the site.
# The composer's scripts act on load, so they stay on the composer's pages.
STATIC_BUNDLES = {
    "css/site.css": [
        "css/intranet.css",
        "css/cases.css",
        "css/composer.css",
        "css/composer-case.css",
        "css/dialogue.css",
        "css/news.css",
        "css/people.css",
        "css/people-picker.css",
        "css/plain-language.css",
        "css/planning.css",
        "css/promotion.css",
        "css/search.css",
        "css/subscriptions.css",
        "insights/pulse.css",
    ],
    "js/site.js": [
        "js/suggest.js",
        "js/dialogue.js",
        "js/gallery.js",
        "js/plain-language.js",
        "js/share.js",
    ],
}
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: console by default; EMAIL_URL (e.g. smtp+tls://user:pass@host:587)
# switches to real mail.
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="intranett@kommune.invalid")
# A mail server that does not answer must not hold the delivery worker for minutes.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Who is told (by e-mail when it works, always in the log and on the admin
# dashboard) when notification e-mails are given up: comma-separated addresses.
ADMINS = [(address, address) for address in env.list("ADMINS", default=[])]
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Notification e-mails that fail for a passing reason (the mail server is down,
# a 4xx answer) are retried with a growing pause for at least this many hours.
NOTIFICATION_RETRY_HOURS = env.int("NOTIFICATION_RETRY_HOURS", default=72)
# /healthz calls the outbox "delayed" (degraded) past this wait for the oldest e-mail.
HEALTH_OUTBOX_MAX_AGE_MINUTES = env.int("HEALTH_OUTBOX_MAX_AGE_MINUTES", default=30)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Intranettet")
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# Wagtail's database backend, with a repair for quotes on SQLite (see the module).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "intranet.core.admin_search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are only sent by Wagtail's view, which checks the collection's view
# restrictions; never linked straight to the storage (see core.views.media).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# ...which hands the sending to nginx when MEDIA_ACCEL_REDIRECT is set.
SENDFILE_BACKEND = "intranet.core.sendfile"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Refuses damaged and oversized uploads with a form error instead of a crash.
WAGTAILIMAGES_IMAGE_FORM_BASE = "intranet.core.images.ImageForm"
WAGTAIL_I18N_ENABLED = False
# Page addresses in ASCII: the editor transliterates æ, ø, å to ae, o, a as it
# types, and pages made by the services get the same (SingleLineTitle).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Comments and reactions (intranet.dialogue)
DIALOGUE_EDIT_MINUTES = env.int("DIALOGUE_EDIT_MINUTES", default=15)
DIALOGUE_MAX_LENGTH = 2000
DIALOGUE_MAX_MENTIONS = 10
DIALOGUE_RATE_LIMIT = env.int("DIALOGUE_RATE_LIMIT", default=10)
DIALOGUE_RATE_MINUTES = env.int("DIALOGUE_RATE_MINUTES", default=10)

# Freshness (intranet.freshness): the nightly `freshness_check` tells a case's
# owners when it has had no update for this many days (per status; never a
# completed case) and asks a news article's owner "Er dette fortsatt riktig?"
# this many days after it was last published or confirmed.
FRESHNESS_CASE_DAYS = {
    status.strip(): int(days)
    for status, days in (
        item.split("=", 1)
        for item in env.list(
            "FRESHNESS_CASE_DAYS", default=["planned=90", "ongoing=45", "paused=180"]
        )
    )
}
FRESHNESS_REVIEW_DAYS = env.int("FRESHNESS_REVIEW_DAYS", default=365)

# Our own search layer (search/). No ELASTICSEARCH_URL means the database backend.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env.str(
    "SEARCH_BACKEND", default=""
)  # "", "database", "elasticsearch"
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="intranet-search")
# Processes that rebuild the database index together on PostgreSQL
# (search_rebuild --workers overrides it; SQLite always uses one).
SEARCH_REBUILD_WORKERS = env.int(
    "SEARCH_REBUILD_WORKERS", default=min(os.cpu_count() or 1, 4)
)
# How long the database engine keeps a search that found more than a thousand
# pages (search/backends/kept.py); what changes the index forgets it at once.
# 0 keeps none (the search benchmark measures the engine so).
SEARCH_RESULTS_SECONDS = env.int("SEARCH_RESULTS_SECONDS", default=10 * 60)
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
# An API key ("base64 id:key" as Kibana shows it) and, for an https:// URL whose
# certificate a private CA signed, that CA's PEM file.
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_VERIFY_CERTS = env.bool("ELASTICSEARCH_VERIFY_CERTS", default=True)
# After this many failures in a row (refused, timed out, 5xx) Elasticsearch is
# skipped for the cool-down (seconds): searches use the database, updates wait
# in PendingIndexUpdate, /healthz says "skipped". Shared through the cache.
ELASTICSEARCH_BREAKER_FAILURES = env.int("ELASTICSEARCH_BREAKER_FAILURES", default=3)
ELASTICSEARCH_BREAKER_COOLDOWN = env.int("ELASTICSEARCH_BREAKER_COOLDOWN", default=30)

# The annual communication plan: remind owners this many days before an activity.
PLANNING_REMINDER_DAYS = env.list("PLANNING_REMINDER_DAYS", cast=int, default=[7, 1])

# Single sign-on with OpenID Connect (intranet/sso). Off unless OIDC_ISSUER and
# OIDC_CLIENT_ID are set; see README "Single sign-on (Entra ID / OpenID Connect)".
SSO_ISSUER = env.str("OIDC_ISSUER", default="")
SSO_DISCOVERY_URL = env.str("OIDC_DISCOVERY_URL", default="")
SSO_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
SSO_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
SSO_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
SSO_SIGN_ALGORITHMS = env.list("OIDC_SIGN_ALGORITHMS", default=["RS256"])
SSO_SUBJECT_CLAIM = env.str("OIDC_SUBJECT_CLAIM", default="sub")
SSO_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
SSO_DEPARTMENT_CLAIM = env.str("OIDC_DEPARTMENT_CLAIM", default="department")
SSO_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
SSO_TITLE_CLAIM = env.str("OIDC_TITLE_CLAIM", default="")  # e.g. jobTitle
SSO_PHONE_CLAIM = env.str("OIDC_PHONE_CLAIM", default="")  # e.g. phone_number
# The departments a person leads (or true: their own department), e.g. leads
SSO_LEADER_CLAIM = env.str("OIDC_LEADER_CLAIM", default="")
SSO_DEPARTMENT_MAP = env.str("OIDC_DEPARTMENT_MAP", default="")  # dept=unit-slug;...
SSO_GROUP_MAP = env.str("OIDC_GROUP_MAP", default="")  # claim-value=Group;...
SSO_DEFAULT_GROUPS = env.list("OIDC_DEFAULT_GROUPS", default=["Ansatte"])
SSO_HIDE_LOCAL_LOGIN = env.bool("OIDC_HIDE_LOCAL_LOGIN", default=False)
SSO_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail runs index updates as tasks; their per-task lines are noise.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
