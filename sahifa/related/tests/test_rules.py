"""The rules of a similar list, on real articles in the test database."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from sahifa.articles.models import new_article_uri
from sahifa.related import services
from sahifa.related.models import RelatedPin
from sahifa.related.selectors import similar_for_page, stored_similar
from sahifa.related.tests.conftest import SUBJECTS


def listed(article) -> list[int]:
    services.refresh(article.pk)
    return list(stored_similar(article).values_list("pk", flat=True))


def test_ranked_by_content_and_never_the_article_itself(story):
    a = story("football", "derby in the capital")
    same = story("football", "cup final replay")
    other = story("budget", "parliament vote")
    ids = listed(a)
    assert ids[0] == same.pk
    assert a.pk not in ids
    assert ids.index(same.pk) < ids.index(other.pk) if other.pk in ids else True


def test_only_the_articles_language_and_not_its_translations(story, make_category):
    a = story("football", "derby in the capital")
    english = story("football", "cup final replay")
    russian = story("football", "derby in the capital", language="ru", category=make_category("ru"))
    translation = a.copy_for_translation(Locale.objects.get(language_code="uz"))
    translation.category = make_category("uz")
    translation.uri, translation.slug = new_article_uri(), ""
    translation.live, translation.first_published_at = True, timezone.now()
    translation.save()
    ids = listed(a)
    assert english.pk in ids
    assert russian.pk not in ids and translation.pk not in ids


def test_unpublished_and_expired_articles_are_left_out(story):
    a = story("cinema", "festival opening night")
    shown = story("cinema", "award ceremony")
    draft = story("cinema", "festival opening night draft", live=False)
    expired = story("cinema", "festival opening night gone", expired=True)
    past = story("cinema", "festival opening night past", expire_at=timezone.now())
    ids = listed(a)
    assert shown.pk in ids
    assert not {draft.pk, expired.pk, past.pk} & set(ids)


def test_two_copies_of_one_text_never_both_appear(story, article):
    a = story("weather", "avalanche warning")
    wire = "<p>Blizzard and avalanche risk closed the pass; rescuers and snowploughs wait.</p>"
    copies = [article(headline="Avalanche closes the pass", lead="", body=wire) for _ in range(2)]
    other = story("weather", "flooded villages")
    ids = listed(a)
    assert len({c.pk for c in copies} & set(ids)) == 1
    assert other.pk in ids


def test_a_copy_of_the_article_itself_is_left_out(story):
    a = story("budget", "tax reform")
    copy = story("budget", "tax reform", headline=a.headline)
    assert copy.pk not in listed(a)


def test_pinned_articles_come_first_in_the_editors_order(story):
    a = story("football", "derby in the capital")
    story("football", "cup final replay")
    first, second = story("cinema", "premiere"), story("weather", "storm")
    RelatedPin.objects.create(article=a, target=second, sort_order=1)
    RelatedPin.objects.create(article=a, target=first, sort_order=0)
    ids = listed(a)
    assert ids[:2] == [first.pk, second.pk]
    assert len(ids) == len(set(ids))


def test_among_equally_similar_the_one_published_closer_comes_first(article):
    now = timezone.now()
    shared = "glacier research station satellite"
    a = article(headline="Glacier", lead="", body=f"<p>{shared}</p>", published_at=now)
    close = article(
        headline="Glacier", lead="", body=f"<p>{shared} alpha beta gamma</p>",
        published_at=now - timedelta(days=1),
    )  # fmt: skip
    far = article(
        headline="Glacier", lead="", body=f"<p>{shared} delta omega kappa</p>",
        published_at=now - timedelta(days=40),
    )  # fmt: skip
    assert listed(a)[:2] == [close.pk, far.pk]


def test_category_and_tags_are_signals_not_filters(story, make_category):
    a = story("football", "derby in the capital")
    a.tags.add("derby")
    a.save()
    sport = make_category(slug="sport")
    elsewhere = story("football", "derby in the capital replay", category=sport)
    tagged = story("football", "derby in the capital rematch", category=sport)
    tagged.tags.add("derby")
    tagged.save()
    ids = listed(a)
    assert elsewhere.pk in ids
    assert ids.index(tagged.pk) < ids.index(elsewhere.pk)


def test_the_page_fills_from_the_category_until_a_list_is_stored(make_article):
    def make(subject: str, headline: str):
        return make_article(headline=headline, lead="", body=f"<p>{SUBJECTS[subject]}</p>")

    a = make("football", "Derby in the capital")
    same = make("football", "Cup final replay")
    newest = make("budget", "Parliament votes")
    assert [x.pk for x in similar_for_page(a, 6)] == [newest.pk, same.pk]
    for item in (a, same, newest):
        services.refresh(item.pk)
    # The engine's pick first, then the category's newest.
    assert [x.pk for x in similar_for_page(a, 6)] == [same.pk, newest.pk]
