"""Fixtures of the languages tests."""

from __future__ import annotations

import uuid

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


@pytest.fixture
def story(make_article, make_category):
    """One story in Uzbek Latin, Russian and English (no Cyrillic version yet)."""
    key = uuid.uuid4()
    category_key = uuid.uuid4()
    made = {}
    for code, slug, headline in (
        ("uz", "jahon", "Muzokaralar uchun 1-fevral chegarasi"),
        ("ru", "mir", "Рубеж 1 февраля для переговоров"),
        ("en", "world", "February 1 border for negotiations"),
    ):
        category = make_category(code, slug, translation_key=category_key)
        made[code] = make_article(headline, language=code, category=category, translation_key=key)
    return made
