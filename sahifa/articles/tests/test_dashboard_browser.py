"""The newsroom's front page at the start of a shift, in a real browser: the editor's
drafts, what goes live in the next 24 hours, what was published in the last hours per
language, the most read today, what waits in a workflow; each row opens the article."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sahifa.articles.tests.conftest import NS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def draft_by(user, make_article, headline: str, language: str = "en"):
    from sahifa.articles import actions

    article = make_article(headline, language=language, live=False)
    return article, actions.save_draft(article, user=user, via=actions.SHELL)


@pytest.fixture
def shift(newsroom, make_article):
    """A newsroom in the morning: drafts, a schedule, news, readers and a review."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    from sahifa.articles.models import Article
    from sahifa.popularity.models import DailyViews

    editor = newsroom.user
    made = {"draft": draft_by(editor, make_article, "Draft about the new budget")[0]}
    scheduled, revision = draft_by(editor, make_article, "Embargoed: exam results", "ru")
    revision.approved_go_live_at = timezone.now() + timedelta(hours=3)
    revision.save()
    made["scheduled"] = scheduled
    made["later"], revision = draft_by(editor, make_article, "Next week's interview")
    revision.approved_go_live_at = timezone.now() + timedelta(days=3)
    revision.save()
    made["recent_en"] = make_article("Metro line opens", age=timedelta(hours=1))
    made["recent_uz"] = make_article("Metro yoʻli ochildi", language="uz", age=timedelta(hours=2))
    made["old"] = make_article("Last week's story", age=timedelta(days=7))
    DailyViews.objects.create(article=made["old"], day=timezone.localdate(), views=40)
    made["review"], revision = draft_by(editor, make_article, "Interview for review")
    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Desk chief")
    task.groups.add(Group.objects.get_or_create(name="Desk chiefs")[0])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Article)
    )
    workflow.start(made["review"], editor)
    # Most read is cached for a minute: the login's dashboard already asked for it.
    cache.clear()
    return made


def panel_links(newsroom, panel_id: str) -> dict[str, str]:
    rows = newsroom.find_all(f"#{panel_id}-content a")
    return {link.text: link.get_attribute("href") for link in rows if link.text}


def edit_url(newsroom, article) -> str:
    return newsroom.url + reverse(f"{NS}:edit", args=[article.pk])


def test_dashboard_shows_the_shift(newsroom, shift):
    newsroom.get(reverse("wagtailadmin_home"))
    newsroom.wait_for("#my-drafts-section")
    links = {
        name: panel_links(newsroom, name)
        for name in ("my-drafts", "scheduled-soon", "recently-published", "most-read-today")
    }
    assert links["my-drafts"]["Draft about the new budget"] == edit_url(newsroom, shift["draft"])
    assert set(links["scheduled-soon"]) == {"Embargoed: exam results"}
    recent = links["recently-published"]
    assert recent["Metro line opens"] == edit_url(newsroom, shift["recent_en"])
    assert recent["Metro yoʻli ochildi"] == edit_url(newsroom, shift["recent_uz"])
    assert "Last week's story" not in recent and "Interview for review" not in recent
    groups = newsroom.find("#recently-published-content").text
    assert "English: 1 article" in groups and "Uzbek (Latin): 1 article" in groups
    assert links["most-read-today"] == {"Last week's story": edit_url(newsroom, shift["old"])}
    review = panel_links(newsroom, "objects-in-workflow")
    assert "Interview for review" in review

    # The summary counts articles, not pages, pictures and documents.
    summary = newsroom.find(".w-summary").text
    assert "published articles" in summary and "Pages" not in summary

    # A row opens the article's edit page.
    newsroom.browser.find_element("link text", "Draft about the new budget").click()
    newsroom.wait_for("#id_headline")
    assert newsroom.find("#id_headline").get_attribute("value") == "Draft about the new budget"
