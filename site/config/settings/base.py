"""Settings shared by every environment. Values that differ between environments come from
the environment (see README, "Configuration")."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

SITE_ROOT = Path(__file__).resolve().parents[2]  # the `site/` source root
BASE_DIR = SITE_ROOT.parent  # the repository
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The site-wide layer (site/)
    "core",
    "users",
    "taskforces",
    "access",
    # Top-level apps
    "library",
    "forum",
    "mentoring",
    "search",
    "survivors",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "users.apps.UsersAdminConfig",  # wagtail.users with our forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_ROOT / "core" / "templates" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_context",
            ],
        },
    },
]

# Database: SQLite under var/ by default; DATABASE_URL switches (e.g. to PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
# PostgreSQL: memory for one sort or hash before it spills to disk. Search counts the facets
# of a broad query by hashing the facet rows of every match (at 100,000 entries about 50 MB);
# with the server's default of 4 MB that hash goes to disk and takes twice as long. "server"
# leaves it to the server (behind PgBouncer, set it on the role: ALTER ROLE … SET work_mem).
DATABASE_WORK_MEM = env_str("DATABASE_WORK_MEM", "64MB")
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and DATABASE_WORK_MEM != "server"
):
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c work_mem={DATABASE_WORK_MEM}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, shared by every process on every machine (rate limits,
# MFA code reuse, the search circuit breaker, scheduled-job claims); per-process otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "tfh"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis and survive its restart through the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "users:dashboard"

# Accounts (django-allauth): email is the login, verification is mandatory, MFA available.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "users.forms.SignupForm"
ACCOUNT_ADAPTER = "users.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Task Force Hub] "
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's defaults already limit login failures, signups and password resets; these are ours.
# The RATE_LIMIT_LOGIN* and FORUM_POSTS_PER_MINUTE variables exist for load tests of a staging
# copy, where every simulated member signs in from one address and posts faster than a person.
# (allauth counts a sign-in against login_failed until the password has been checked.)
ACCOUNT_RATE_LIMITS = {
    "login": env_str("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
FORUM_POST_RATE = (env_int("FORUM_POSTS_PER_MINUTE", 10), 60)  # replies per member
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Task Force Hub"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_SAVE_EVERY_REQUEST = True  # the age is an idle timeout
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Email: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Task Force Hub <no-reply@taskforcehub.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks). In-process for make run and tests; the database backend
# (a durable queue) with its `db_worker` in production.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}
# Scheduled jobs: (management command, every N minutes, *arguments). Run by `run_scheduler`.
SCHEDULED_JOBS: list[tuple] = [
    ("forum_send_digests", 60 * 24, "--frequency", "daily"),
    ("forum_send_digests", 60 * 24 * 7, "--frequency", "weekly"),
    ("mentoring_checkins", 60 * 24),
    ("search_reindex", 60 * 24),  # nightly reconciliation of the index with the database
    ("clearsessions", 60 * 24),
    ("library_send_reminders", 60),  # registrants hear about an event the day before
    ("library_send_search_alerts", 60 * 24),  # saved-search alerts, once a day
    ("survivors_consent_expiry", 60),  # a consent end date takes the work down within the hour
    ("publish_scheduled", 10),  # Wagtail's go-live times (the survivors' cooling-off period)
]
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN", "")

# Survivor Voices: where the quick exit lands, the pause between the author's approval and
# publication, and the largest recording accepted (the front server must allow it too).
SURVIVORS_EXIT_URL = env_str("SURVIVORS_EXIT_URL", "https://www.weather.gov/")
SURVIVORS_COOLING_OFF_HOURS = env_int("SURVIVORS_COOLING_OFF_HOURS", 0)
SURVIVORS_MAX_MEDIA_MB = env_int("SURVIVORS_MAX_MEDIA_MB", 100)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# Static files through whitenoise; no CDN, no front-end build.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Media: every uploaded file lives in private storage and is served only through a view that
# asks the access policy (core.views.media). Nothing under MEDIA_ROOT has a public URL.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible object storage when a bucket is named. The bucket stays private: files are
# handed out only after the access policy said yes, as short-lived signed URLs.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }
# How the media view hands a permitted file over: "django" streams it itself; "nginx" answers
# with X-Accel-Redirect to PRIVATE_MEDIA_INTERNAL_URL; "apache" with X-Sendfile.
PRIVATE_MEDIA_SERVER = env_str("PRIVATE_MEDIA_SERVER", "django")
PRIVATE_MEDIA_INTERNAL_URL = env_str("PRIVATE_MEDIA_INTERNAL_URL", "/protected-media/")

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Task Force Hub"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "vtt", "srt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Uploads in the admin are checked by core.uploads (content sniffing, image re-encoding).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.wagtail_forms.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.wagtail_forms.CheckedDocumentForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # one password reset: allauth's
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# Security headers for every response (core.middleware). The policy allows this origin only:
# no CDNs, web fonts, analytics or third-party embeds.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
    "script-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'self'; "
    "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
# Wagtail's admin needs inline styles and scripts; it is still limited to this origin.
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview overrides this for its own frame

# Search: Elasticsearch through elasticsearch-dsl when set; the database otherwise.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# The database backend ranks a large index in parts on separate connections at once: how many
# (0: the database's default, 2 on SQLite, 1 on PostgreSQL) and from how many entries.
SEARCH_DATABASE_WORKERS = env_int("SEARCH_DATABASE_WORKERS", 0)
SEARCH_DATABASE_PARALLEL_FROM = env_int("SEARCH_DATABASE_PARALLEL_FROM", 20_000)

LOG_FORMAT = env_str("LOG_FORMAT", "plain")  # "json" in production: one object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Demo content: each app's `demo.seed(log=...)`, in this order (absent modules are skipped).
# Library: resources whose "last reviewed" date is older than this appear in the review report.
LIBRARY_REVIEW_AGE_DAYS = env_int("LIBRARY_REVIEW_AGE_DAYS", 365)
LIBRARY_REMINDER_HOURS = env_int("LIBRARY_REMINDER_HOURS", 24)

DEMO_SEEDERS = [
    "core.demo",
    "taskforces.demo",
    "library.demo",
    "forum.demo",
    "mentoring.demo",
    "survivors.demo",
    "search.demo",
]
DEMO_PASSWORD = "hub-demo-2026"  # noqa: S105 (demo accounts only; seed_demo refuses production)
