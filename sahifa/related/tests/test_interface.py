"""The command's and the endpoint's output: one JSON object per article."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sahifa.related.models import SimilarItem


@pytest.fixture
def trio(story):
    return story("football", "derby"), story("football", "cup final"), story("budget", "tax")


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("similar", *args, stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_command_prints_one_json_object_per_named_article(trio):
    derby, cup, _ = trio
    assert run(derby.uri, cup.uri, "--json") == [
        {"uri": derby.uri, "similar": [cup.uri]},
        {"uri": cup.uri, "similar": [derby.uri]},
    ]


def test_command_without_uris_prints_every_published_article(trio, story):
    story("cinema", "premiere", live=False)
    records = run("--json", "--limit", "1")
    assert [r["uri"] for r in records] == [a.uri for a in trio]
    assert all(len(r["similar"]) <= 1 for r in records)


def test_command_limit_larger_than_the_stored_list(trio, story):
    towns = ("amber", "birch", "cedar", "delta", "ember")
    towns += ("frost", "grove", "haven", "ivory", "jade")
    ends = ("ville", "stad", "burg", "port")
    twists = [" ".join(f"{town}{end}" for end in ends) for town in towns]
    extra = [story("football", twist) for twist in twists]
    derby = trio[0]
    (record,) = run(derby.uri, "--json", "--limit", "12")
    assert len(record["similar"]) == 11
    assert set(record["similar"]) == {trio[1].uri, *(a.uri for a in extra)}


def test_command_reports_unknown_uris_and_still_prints_the_others(trio):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of the URIs"):
        call_command("similar", "urn:nothing", trio[0].uri, "--json", stdout=out, stderr=err)
    assert "urn:nothing" in err.getvalue()
    assert json.loads(out.getvalue())["uri"] == trio[0].uri


def test_rebuild_recomputes_every_list(trio):
    SimilarItem.objects.all().delete()
    err = io.StringIO()
    call_command("similar", "--rebuild", stdout=io.StringIO(), stderr=err)
    assert "Stored 3 similar lists" in err.getvalue()
    derby, cup, _ = trio
    assert list(SimilarItem.objects.filter(article=derby).values_list("similar", flat=True)) == [
        cup.pk
    ]


def test_endpoint_serves_the_list_by_uri_or_id(client, trio):
    derby, cup, _ = trio
    for reference in (derby.uri, str(derby.pk)):
        response = client.get(f"/api/similar/{reference}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"uri": derby.uri, "similar": [cup.uri]}


def test_endpoint_errors_are_json(client, trio, story):
    draft = story("cinema", "premiere", live=False)
    assert client.get(f"/api/similar/{draft.uri}/").status_code == 404
    assert "error" in client.get("/api/similar/urn:nothing/").json()
    response = client.get(f"/api/similar/{trio[0].uri}/?limit=abc")
    assert response.status_code == 400 and "limit" in response.json()["error"]


def test_article_page_shows_the_stored_list(client, trio):
    derby, cup, tax = trio
    page = client.get(derby.get_url()).content.decode()
    assert cup.headline in page
    # Only the similar-news section: the latest-news rail beside the article lists it.
    similar = page.split("similar-heading", 1)[1].split("</section>", 1)[0]
    # The engine's pick first; the rest of the six filled from the category's newest.
    assert similar.index(cup.headline) < similar.index(tax.headline)


def test_editors_pin_articles_in_the_article_admin(client, django_user_model, trio):
    admin = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(admin)
    derby = trio[0]
    page = client.get(f"/admin/snippets/articles/article/edit/{derby.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="related_pins-TOTAL_FORMS"' in html
