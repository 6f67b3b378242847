"""Security (docs/security.md): the secret key, hosts, sign-in (passwords, django-axes,
two-step codes), client addresses, HTTPS, cookies and the Content-Security-Policy."""

import os
import secrets
from datetime import timedelta

from sahifa.settings.env import VAR_DIR, env_bool, env_list


def _secret_key() -> str:
    """The key from the environment, else one made once and kept in var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# Failed sign-ins (django-axes, docs/security.md): an account, or a client address, is
# locked after this many failures in a row, for SAHIFA_LOGIN_LOCKOUT_MINUTES; a locked
# client is refused before its password is checked (no hashing work). The address is
# found as for view counting: X-Forwarded-For only from SAHIFA_TRUSTED_PROXIES, so a
# proxy's own address is never locked for everyone behind it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SAHIFA_LOGIN_FAILURE_LIMIT", "10"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SAHIFA_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every command
AXES_CLIENT_IP_CALLABLE = "sahifa.core.clients.request_address"
AXES_LOCKOUT_CALLABLE = "sahifa.core.logins.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Staff who enrolled an authenticator app give its code at sign-in (django-otp).
WAGTAILADMIN_USER_LOGIN_FORM = "sahifa.core.logins.SignInForm"
OTP_TOTP_ISSUER = os.environ.get("SAHIFA_SITE_NAME", "Sahifa")
# Addresses of our own reverse proxies / load balancers: only their X-Forwarded-For is believed.
SAHIFA_TRUSTED_PROXIES = env_list("SAHIFA_TRUSTED_PROXIES", "")

# --- HTTPS, cookies and headers -------------------------------------------------------
# docs/security.md. Behind HTTPS (a proxy that sets X-Forwarded-Proto), SAHIFA_HTTPS=1
# sends plain HTTP to HTTPS, sets HSTS and keeps cookies to HTTPS.
SAHIFA_HTTPS = env_bool("SAHIFA_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page may be framed; Wagtail's preview frames itself (it says SAMEORIGIN on its own).
X_FRAME_OPTIONS = "DENY"
if SAHIFA_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SAHIFA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAHIFA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SAHIFA_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# Signed-in sessions (the newsroom: readers have none) end after this long without a
# request; each request starts the time again.
SESSION_COOKIE_AGE = int(os.environ.get("SAHIFA_ADMIN_IDLE_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp): the public site runs only its own script files.
# Inline style attributes stay allowed (the view counter's width); embeds in articles
# may frame https pages.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "https:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": ["https:"],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
# The Wagtail admin runs inline scripts and frames its own previews.
SAHIFA_CSP_ADMIN = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:", "https:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF, "https:"],
    "object-src": [_NONE],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}
