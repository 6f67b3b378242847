"""Sources in the newsroom, through the real Wagtail admin: managing sources (with a
permission), the Incoming view, its preview, take and dismiss, the dashboard panel, and
the attribution line on the public page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from sahifa.articles.models import Article
from sahifa.demo.editors import ensure_editor
from sahifa.sources import polling
from sahifa.sources.models import ItemState, Source, SourceItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings, tmp_path, django_user_model):
    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    user = django_user_model.objects.get(username=credentials.username)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    assert client.login(username=credentials.username, password=credentials.password)
    client.user = user
    return client


@pytest.fixture
def queued(feeds, make_source):
    source = make_source(feeds.play("rss2.xml"), link="https://daryo.example/")
    polling.poll([source])
    return source


def test_editors_add_a_source_and_see_its_health(editor, feeds, make_category):
    category = make_category("en", "world", "World")
    response = editor.post(
        reverse("sources:add"),
        {"name": "Wire", "link": "https://wire.example/", "url": feeds.play("atom.xml"),
         "kind": "feed", "language": "en", "category": category.pk, "interval": "00:10:00",
         "enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    source = Source.objects.get(name="Wire")
    polling.poll([source])
    listing = editor.get(reverse("sources:index")).content.decode()
    assert "Wire" in listing and ">ok<" in listing.replace(" ", "").replace("\n", "")
    inspect = editor.get(reverse("sources:inspect", args=[source.pk])).content.decode()
    assert "Items taken" in inspect


def test_without_the_permission_sources_are_closed(editor, make_category):
    group = editor.user.groups.get()
    group.permissions.remove(*Permission.objects.filter(content_type__app_label="sources"))
    assert editor.get(reverse("sources:index")).status_code == 302  # to the dashboard
    assert editor.get(reverse("sources:add")).status_code == 302


def test_incoming_lists_newest_first_and_filters(editor, queued, feeds, make_source):
    other = make_source(feeds.play("atom.xml"), name="Wire", language="en")
    polling.poll([other])
    html = editor.get(reverse("sources_incoming")).content.decode()
    assert html.index("Tashkent airport") < html.index("Toshkentda yangi metro")
    only_en = editor.get(reverse("sources_incoming") + "?language=en").content.decode()
    assert "Tashkent airport" in only_en and "Toshkentda yangi metro" not in only_en
    by_source = editor.get(reverse("sources_incoming") + f"?source={queued.pk}").content.decode()
    assert "Toshkentda yangi metro" in by_source and "Tashkent airport" not in by_source


def test_preview_take_and_dismiss(editor, queued, django_capture_on_commit_callbacks):
    metro = SourceItem.objects.get(guid="daryo-118204")
    preview = editor.get(reverse("sources_item", args=[metro.pk])).content.decode()
    assert "40 ming" in preview and "<script" not in preview.split("sources-preview")[1]

    response = editor.post(reverse("sources_take", args=[metro.pk]))
    edit = Article.snippet_viewset.get_url_name("edit")
    assert response["Location"] == reverse(edit, args=[metro.article_id])
    metro.refresh_from_db()
    assert metro.state == ItemState.TAKEN
    assert editor.get(response["Location"]).status_code == 200

    forum = SourceItem.objects.get(headline__startswith="Samarqandda")
    article_id = forum.article_id
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(reverse("sources_dismiss", args=[forum.pk]))
    forum.refresh_from_db()
    assert forum.state == ItemState.DISMISSED and forum.article is None
    assert not Article.objects.filter(pk=article_id).exists()
    listing = editor.get(reverse("sources_incoming")).content.decode()
    listed = {int(pk) for pk in re.findall(r'href="/admin/incoming/(\d+)/"', listing)}
    assert forum.pk not in listed and metro.pk not in listed
    assert SourceItem.objects.get(guid="daryo-118299").pk in listed


def test_the_dashboard_panel(editor, queued):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    panel = BeautifulSoup(html, "html.parser").find(id="sources-incoming-section")
    assert panel is not None
    waiting = SourceItem.objects.filter(state=ItemState.QUEUED).count()
    assert re.search(rf"\b{waiting} items wait in Incoming", panel.get_text(" "))


def test_the_page_names_its_source(client, feeds, make_source):
    source = make_source(feeds.play("atom.xml"), name="Wire", language="en", publish=True)
    polling.poll([source])
    article = Article.objects.get(headline__startswith="Uzbekistan")
    soup = BeautifulSoup(client.get(article.get_url()).content, "html.parser")
    attribution = soup.find(class_="attribution")
    assert attribution.get_text(" ", strip=True) == "This was reported by Wire ."
    assert attribution.a["href"] == "https://wire.example/2026/12/water-deal"


def test_a_new_address_is_polled_afresh(editor, feeds, make_source):
    source = make_source(feeds.play("atom.xml", etag='"v1"'), name="Wire", language="en")
    polling.poll([source])
    source.refresh_from_db()
    assert source.etag == '"v1"' and source.next_poll_at > source.last_polled_at
    form = {"name": "Wire", "link": "", "url": feeds.play("feed.json"), "kind": "json",
            "language": "en", "category": source.category_id, "interval": "00:10:00",
            "enabled": "on"}  # fmt: skip
    response = editor.post(reverse("sources:edit", args=[source.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    source.refresh_from_db()
    assert source.etag == "" and source in polling.due()
