"""Fixtures of the languages tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def admin_client(admin_client, admin_user):
    """pytest-django's admin client, with the admin in English (the default language,
    Uzbek, would translate the messages the tests read)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_client
