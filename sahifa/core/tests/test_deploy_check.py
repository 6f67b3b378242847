"""With production settings from the environment, Django's deployment checks find
nothing to warn about; without HTTPS they do (so the test can fail)."""

from __future__ import annotations

import secrets
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def deploy_check(tmp_path, **env: str) -> str:
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SAHIFA_VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "news.example",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-m", "sahifa.cli", "check", "--deploy"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout + done.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    output = deploy_check(tmp_path, SAHIFA_HTTPS="1")
    assert output.strip() == "System check identified no issues (0 silenced).", output


def test_without_https_the_checks_say_what_is_missing(tmp_path):
    output = deploy_check(tmp_path)
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output
