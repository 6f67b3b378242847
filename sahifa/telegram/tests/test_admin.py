"""Telegram in the newsroom, through the real Wagtail admin as the demo's editor: the
"Post to Telegram" box, the post's status on the article's page, and the reports."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from sahifa.articles.models import Article
from sahifa.articles.tests.test_newsroom import NS, PUBLISH, article_form, upload_image
from sahifa.demo.editors import ensure_editor
from sahifa.telegram.models import PostState, TelegramChannelState, TelegramPost

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings, tmp_path, django_user_model):
    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    user = django_user_model.objects.get(username=credentials.username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English (the site's default is uz)
    profile.save()
    assert client.login(username=credentials.username, password=credentials.password)
    return client


@pytest.fixture
def category(make_category):
    return make_category("en", "uzbekistan", "Uzbekistan")


def add_and_publish(client, category, image, django_capture_on_commit_callbacks, **fields):
    form = article_form(category, image, **PUBLISH, **fields)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(f"{NS}:add") + "?locale=en", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(headline=fields.get("headline", "Metro line opens to the airport"))


def test_the_box_is_on_the_details_tab_and_ticked_for_a_new_article(editor):
    html = editor.get(reverse(f"{NS}:add") + "?locale=en").content.decode()
    # The second tab, "Details and publishing" (its id follows the language the edit
    # form was first built in).
    content_tab, details_tab = re.findall(r'<section[^>]* id="tab-(\w+)"', html)
    box = re.search(r'<input type="checkbox" name="post_to_telegram"[^>]*>', html)
    assert box and " checked" in box.group(0)
    assert html.index(f'id="tab-{details_tab}"') < box.start()
    assert "Post it to its language&#x27;s Telegram channel" in html  # the help text


def test_ticked_it_is_posted_and_its_page_says_when(
    bot_api, editor, category, django_capture_on_commit_callbacks
):
    image = upload_image(editor)
    article = add_and_publish(
        editor, category, image, django_capture_on_commit_callbacks, post_to_telegram="on"
    )
    assert article.post_to_telegram and len(bot_api.of("sendPhoto")) == 1
    page = editor.get(reverse(f"{NS}:edit", args=[article.pk])).content.decode()
    assert "Posted to Telegram (@sahifa_en): Today, " in page


def test_unticked_it_is_not_posted(bot_api, editor, category, django_capture_on_commit_callbacks):
    image = upload_image(editor)
    article = add_and_publish(editor, category, image, django_capture_on_commit_callbacks)
    assert article.live and not article.post_to_telegram
    assert bot_api.calls == [] and not TelegramPost.objects.exists()


def test_a_failed_post_is_shown_as_a_warning_on_the_articles_page(editor, make_article):
    article = make_article()
    TelegramPost.objects.create(
        article=article,
        chat="@sahifa_en",
        language="en",
        headline=article.headline,
        state=PostState.FAILED,
        last_error="403: Forbidden: bot is not a member of the channel chat",
    )
    page = editor.get(reverse(f"{NS}:edit", args=[article.pk])).content.decode()
    assert "Could not post to Telegram (@sahifa_en): 403: Forbidden: bot is not a member" in page


def test_the_reports_list_posts_and_channels(editor, make_article):
    article = make_article(headline="Metro line opens")
    TelegramPost.objects.create(
        article=article, chat="@sahifa_en", language="en", headline=article.headline,
        state=PostState.SENT, message_id=2841,
    )  # fmt: skip
    gone = TelegramPost.objects.create(
        article_id=article.pk + 1000, chat="@sahifa_en", language="en",
        headline="A deleted article", state=PostState.DELETED,
    )  # fmt: skip
    TelegramChannelState.objects.create(
        chat="@sahifa_ru", language="ru", failures=5, last_error="500: Internal Server Error"
    )
    admin_home = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("telegram_posts") in admin_home and reverse("telegram_channels") in admin_home

    posts = editor.get(reverse("telegram_posts")).content.decode()
    assert "Metro line opens" in posts and "A deleted article" in posts and "Posted" in posts
    assert reverse(f"{NS}:edit", args=[article.pk]) in posts
    assert reverse(f"{NS}:edit", args=[gone.article_id]) not in posts
    only_sent = editor.get(reverse("telegram_posts_results") + "?state=sent").content.decode()
    assert "Metro line opens" in only_sent and "A deleted article" not in only_sent
    export = editor.get(reverse("telegram_posts") + "?export=csv")
    assert export.status_code == 200 and b"@sahifa_en" in export.getvalue()

    channels = editor.get(reverse("telegram_channels")).content.decode()
    assert "@sahifa_ru" in channels and "500: Internal Server Error" in channels


def test_readers_without_newsroom_rights_see_no_report(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("clerk", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("telegram_posts")).status_code in (302, 403)


def test_a_send_that_stalled_is_shown_as_maybe_posted(editor, make_article):
    from datetime import timedelta

    from django.utils import timezone

    article = make_article()
    TelegramPost.objects.create(
        article=article, chat="@sahifa_en", language="en", headline=article.headline,
        state=PostState.SENDING, claimed_at=timezone.now() - timedelta(minutes=6),
    )  # fmt: skip
    page = editor.get(reverse(f"{NS}:edit", args=[article.pk])).content.decode()
    assert "may have gone out, but that is not known (the job stopped while sending" in page
    assert "Maybe posted" in editor.get(reverse("telegram_posts")).content.decode()
