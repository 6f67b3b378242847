"""The demo editor account: in the Editors group, and able to log in to the admin."""

from __future__ import annotations

import pytest

from sahifa.demo.editors import EDITORS, ensure_editor, password_file


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_editor_logs_in_to_the_admin(var_dir, client):
    credentials = ensure_editor()
    response = client.post(
        "/admin/login/",
        {"username": credentials.username, "password": credentials.password},
    )
    assert response.status_code == 302
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert dashboard.context["request"].user.groups.filter(name=EDITORS).exists()


@pytest.mark.django_db
def test_wrong_password_is_refused(var_dir, client):
    ensure_editor()
    response = client.post("/admin/login/", {"username": "editor", "password": "not-it"})
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_password_is_kept_and_never_reset(var_dir):
    first = ensure_editor()
    assert password_file().stat().st_mode & 0o777 == 0o600
    assert ensure_editor().password == first.password

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="editor")
    user.set_password("chosen-by-the-editor")
    user.save()
    again = ensure_editor()
    assert not again.password_current
    user.refresh_from_db()
    assert user.check_password("chosen-by-the-editor")
