"""The newsroom's "Editors" group and the demo's editor account.

Wagtail's migrations make the group with admin access and image rights; the group also
needs the rights on Sahifa's snippets to write, publish, unpublish and translate."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission

EDITORS = "Editors"
EDITOR_USERNAME = "editor"
# app label -> permission codenames the group holds on the site's models.
MODEL_PERMISSIONS = {
    "articles": [
        "add_article",
        "change_article",
        "delete_article",
        "publish_article",
        "lock_article",
        "unlock_article",
        "view_article",
        "add_category",
        "change_category",
        "view_category",
    ],
    "sources": ["add_source", "change_source", "delete_source", "view_source"],
    # The names glossary (in the admin menu): editors keep it as they write.
    "languages": [
        "add_glossaryterm",
        "change_glossaryterm",
        "delete_glossaryterm",
        "view_glossaryterm",
    ],
    "wagtailadmin": ["access_admin"],
    "wagtail_localize": ["submit_translation"],
}
# Images are permitted per collection (Wagtail checks them on wagtailimages.Image).
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


@dataclass
class Credentials:
    username: str
    password: str
    # False when someone changed the password after the demo set it.
    password_current: bool = True


def password_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-editor-password"


@transaction.atomic
def ensure_editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, codenames in MODEL_PERMISSIONS.items():
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        group.permissions.add(*permissions)
    root = Collection.get_first_root_node()
    for codename in IMAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailimages", codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
    return group


def _stored_password() -> str:
    """The demo editor's password, made once and kept in the var dir (owner-only)."""
    path = password_file()
    if not path.exists():
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


@transaction.atomic
def ensure_editor() -> Credentials:
    """The `editor` account in the Editors group, with the stored password when the
    account is new; an existing account's password is never reset."""
    group = ensure_editors_group()
    password = _stored_password()
    user, created = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME,
        defaults={"first_name": "Demo", "last_name": "Editor", "email": "editor@example.org"},
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(group)
    return Credentials(EDITOR_USERNAME, password, user.check_password(password))
