"""import_ninjs against the real test database: what lands, what is refused and why."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from taggit.models import Tag
from wagtail.models import ModelLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend

from sahifa.articles.events import ARTICLE, content_changed
from sahifa.articles.models import Article, Category
from sahifa.interchange.importer import import_ninjs, read_lines
from sahifa.interchange.languages import language_from_tag
from sahifa.interchange.tests.conftest import lines, ninjs

pytestmark = pytest.mark.django_db


def imported(*items, **kwargs):
    return import_ninjs(lines(*items), source="news.jsonl", **kwargs)


def test_imports_a_published_article_with_every_field(client):
    report = imported(
        ninjs(
            keywords=["Talks", "Russia", "talks"],
            priority=1,
            x_sahifa_source_name="Zamin.uz",
            x_sahifa_source_url="https://zamin.uz/news/1",
            x_sahifa_views=56,
            x_sahifa_slug="talks-deadline",
        )
    )
    assert (report.ok, report.created, report.updated) == (True, 1, 0)
    article = Article.objects.get(uri="urn:test:article:1")
    assert article.headline == "Talks reach a February deadline"
    assert article.lead == "Both sides agreed to meet again."
    assert article.body.startswith("<p>The talks ended late on Friday.</p>")
    assert article.locale.language_code == "en"
    assert (article.category.name, article.category.code) == ("World", "world")
    assert article.live and not article.has_unpublished_changes
    assert article.first_published_at == datetime(2025, 1, 30, 4, 47, tzinfo=UTC)
    assert (
        article.updated_at == article.last_published_at == datetime(2025, 1, 30, 5, 15, tzinfo=UTC)
    )
    assert sorted(article.tags.names()) == ["Russia", "Talks"]
    assert article.is_top_story and article.byline == "Staff reporter"
    assert (article.source_name, article.source_url) == ("Zamin.uz", "https://zamin.uz/news/1")
    assert (article.view_count, article.slug) == (56, "talks-deadline")
    # One revision, latest and live, holding the article; the newsroom's history shows it.
    assert article.revisions.count() == 1
    assert article.latest_revision_id == article.live_revision_id
    assert article.latest_revision.content["headline"] == article.headline
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(article.pk)).values_list("action", flat=True)
    )
    assert actions == {"wagtail.create", "wagtail.publish"}
    page = client.get(article.get_url())
    assert page.status_code == 200
    assert "Talks reach a February deadline" in page.content.decode()


def test_importing_the_same_uri_again_updates_it_with_a_new_revision():
    imported(ninjs(keywords=["Talks"]))
    report = imported(
        ninjs(headline="Talks postponed", keywords=["Delay"], versioncreated="2025-01-31T08:00:00Z")
    )
    assert (report.created, report.updated) == (0, 1)
    article = Article.objects.get()
    assert article.headline == "Talks postponed"
    assert article.slug == "talks-reach-a-february-deadline"  # slugs do not follow headlines
    assert article.updated_at == datetime(2025, 1, 31, 8, 0, tzinfo=UTC)
    assert list(article.tags.names()) == ["Delay"]
    assert article.revisions.count() == 2
    assert article.live_revision == article.latest_revision
    assert article.latest_revision.content["headline"] == "Talks postponed"


def test_bad_lines_are_reported_with_line_and_reason_and_the_others_go_on():
    report = imported(
        ninjs(uri="a"),
        '{"uri": "b", headline}',
        ninjs(uri="c", headline=None),
        ninjs(uri="d", language="fr"),
        ninjs(uri="e", firstcreated="yesterday"),
        ninjs(uri="f", body_html="<script>alert(1)</script><iframe src='x'></iframe>"),
        "",
        ninjs(uri="g", language=None),
        ninjs(uri="h", subject="World"),
        '["an", "array"]',
        ninjs(uri="i"),
    )
    assert not report.ok
    assert report.created == 2
    assert set(Article.objects.values_list("uri", flat=True)) == {"a", "i"}
    messages = [str(e) for e in report.errors]
    assert messages[0].startswith("news.jsonl:2: invalid JSON: ")
    assert messages[1:] == [
        "news.jsonl:3: missing headline",
        "news.jsonl:4: unknown language 'fr'",
        "news.jsonl:5: unparseable date in firstcreated: 'yesterday'",
        "news.jsonl:6: body_html has no text left once unsafe markup is removed",
        "news.jsonl:8: missing language",
        "news.jsonl:9: subject must be a list",
        "news.jsonl:10: not a JSON object",
    ]
    assert [e.line for e in report.errors] == [2, 3, 4, 5, 6, 8, 9, 10]


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"uri": None}, "missing uri"),
        ({"headline": "   "}, "missing headline"),
        ({"headline": "x" * 301}, "headline is 301 characters long; the limit is 300"),
        ({"versioncreated": "2025-02-30T10:00:00Z"}, "unparseable date in versioncreated"),
        ({"priority": "high"}, "priority must be a whole number from 1 to 9"),
        ({"pubstatus": "draft"}, "unknown pubstatus 'draft'"),
        ({"x_sahifa_views": -3}, "x_sahifa_views must be a whole number"),
        (
            {"x_sahifa_source_url": "javascript:alert(1)"},
            "x_sahifa_source_url is not an http(s) URL",
        ),
        ({"x_sahifa_slug": "not a slug!"}, "x_sahifa_slug is not a slug"),
        ({"keywords": "one, two"}, "keywords must be a list of strings"),
        ({"headline": ["a", "list"]}, "headline must be a string"),
    ],
)
def test_each_bad_field_has_its_reason(fields, reason):
    report = imported(ninjs(**fields))
    assert report.created == 0
    assert len(report.errors) == 1 and report.errors[0].reason.startswith(reason)


@pytest.mark.parametrize(
    "tag, code",
    [
        ("uz", "uz"),
        ("uz-Latn", "uz"),
        ("UZ-latn-UZ", "uz"),
        ("uz-Cyrl", "uz-cyrl"),
        ("uz-cyrl", "uz-cyrl"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("en", "en"),
        ("en-GB", "en"),
        ("EN_us", "en"),
        ("fr", None),
        ("uz-Arab", None),
        ("en-Cyrl", None),
        ("english", None),
    ],
)
def test_language_tags(tag, code):
    assert language_from_tag(tag) == code


def test_hostile_html_is_removed_and_the_line_still_imported():
    hostile = (
        '<p onclick="steal()">Hello <script>alert(1)</script>'
        '<a href="javascript:alert(2)">link</a> <img src=x onerror=alert(3)>'
        '<iframe src="https://evil.example/"></iframe><style>p {}</style>'
        '<b style="color:red">bold</b> <a href="https://ok.example/">ok</a></p>'
    )
    report = imported(ninjs(body_html=hostile))
    assert report.ok
    body = Article.objects.get().body
    for bad in ("script", "alert", "onclick", "javascript:", "onerror", "iframe", "style", "<img"):
        assert bad not in body
    assert "Hello" in body and "<b>bold</b>" in body
    assert 'href="https://ok.example/"' in body


def test_body_text_becomes_escaped_paragraphs():
    imported(ninjs(body_html=None, body_text="First <b>line</b>\n\nSecond & last\n"))
    assert (
        Article.objects.get().body == "<p>First &lt;b&gt;line&lt;/b&gt;</p><p>Second &amp; last</p>"
    )


def test_categories_are_matched_by_code_then_slug_in_the_language_else_made(make_category):
    by_code = make_category("en", "world-news", "World news", code="medtop:11000000")
    by_slug = make_category("ru", "politics", "Политика")
    report = imported(
        ninjs(uri="1", subject=[{"name": "Anything", "code": "medtop:11000000"}]),
        ninjs(uri="2", language="ru", subject=[{"name": "Politics"}]),
        ninjs(uri="3", language="uz", subject=[{"name": "Politics"}]),
        ninjs(uri="4", language="uz", subject=[{"name": "Politics"}]),
        ninjs(uri="5", subject=[{"name": "Latest"}]),
    )
    assert report.ok
    category = dict(Article.objects.values_list("uri", "category_id"))
    assert category["1"] == by_code.pk and category["2"] == by_slug.pk
    made = Category.objects.get(pk=category["3"])
    assert (made.locale.language_code, made.slug, made.name) == ("uz", "politics", "Politics")
    assert category["4"] == made.pk
    assert Category.objects.get(pk=category["5"]).slug == "latest-news"  # "latest" is a page


def test_a_line_without_subject_goes_into_the_default_category_and_the_report_says_so(
    settings,
):
    settings.SAHIFA_DEFAULT_CATEGORY = "general"
    report = imported(
        ninjs(uri="en-1", subject=None),
        ninjs(uri="en-2", subject=[]),
        ninjs(uri="ru-1", language="ru", subject=[{"name": ""}]),
    )
    assert report.ok and report.created == 3
    english = Category.objects.get(slug="general", locale__language_code="en")
    russian = Category.objects.get(slug="general", locale__language_code="ru")
    assert english.name == "News" and russian.name == "Новости"  # each in its language
    assert english.translation_key == russian.translation_key  # one category, translated
    assert {a.category for a in Article.objects.all()} == {english, russian}
    assert [str(w) for w in report.warnings] == [
        "news.jsonl:1: no subject: filed under the default category News (general)",
        "news.jsonl:2: no subject: filed under the default category News (general)",
        "news.jsonl:3: no subject: filed under the default category Новости (general)",
    ]


def test_an_update_without_subject_keeps_the_articles_category(make_category):
    world = make_category("en", "world")
    imported(ninjs(uri="kept", subject=[{"name": "World"}]))
    report = imported(ninjs(uri="kept", subject=None, headline="Edited"))
    assert report.ok and report.updated == 1 and not report.warnings
    assert Article.objects.get(uri="kept").category == world
    assert not Category.objects.filter(slug="news").exists()


def test_withheld_items_are_kept_unpublished_and_usable_ones_publish():
    imported(ninjs(pubstatus="withheld", firstcreated=None))
    article = Article.objects.get()
    assert not article.live and article.first_published_at is None
    assert article.latest_revision and article.live_revision is None
    imported(ninjs(pubstatus="usable"))
    article.refresh_from_db()
    assert article.live and article.live_revision == article.latest_revision


def test_new_articles_get_free_slugs(make_article):
    make_article("Cotton harvest", language="en")
    report = imported(
        ninjs(uri="a", headline="Cotton harvest"),
        ninjs(uri="b", headline="Cotton harvest"),
        ninjs(uri="c", headline="Other", x_sahifa_slug="cotton-harvest"),
    )
    slugs = dict(Article.objects.filter(uri__in="abc").values_list("uri", "slug"))
    assert slugs == {"a": "cotton-harvest-2", "b": "cotton-harvest-3", "c": "other"}
    assert [str(w) for w in report.warnings] == [
        "news.jsonl:3: slug 'cotton-harvest' is taken; another one is used"
    ]


def test_numbered_slugs_are_checked_for_the_lines_that_need_them(make_article):
    """A line numbered onto another line's own slug pushes that one further on."""
    make_article("Cotton harvest", language="en")
    make_article("Cotton harvest 2 2", language="en")
    report = imported(
        ninjs(uri="a", headline="Cotton harvest"),
        ninjs(uri="b", headline="Cotton harvest 2"),
        ninjs(uri="c", headline="Wheat"),
        ninjs(uri="d", headline="Wheat", language="ru"),
    )
    assert report.ok
    slugs = dict(Article.objects.filter(uri__in="abcd").values_list("uri", "slug"))
    assert slugs == {
        "a": "cotton-harvest-2",
        "b": "cotton-harvest-2-3",
        "c": "wheat",
        "d": "wheat",
    }


def test_a_run_that_fails_in_the_database_is_retried_line_by_line(make_article):
    """Nothing half-written: the line that breaks a constraint fails alone."""
    existing = make_article(language="en")
    clash = str(existing.translation_key)  # one article per language and translation key
    report = imported(
        ninjs(uri="a", keywords=["Cotton"]),
        ninjs(uri="b", x_sahifa_translation_key=clash, keywords=["Clash"]),
        ninjs(uri="c", subject=[{"name": "Brand new"}]),
    )
    assert report.created == 2
    assert [(e.line, e.reason.split(":")[0]) for e in report.errors] == [(2, "could not save")]
    assert not Article.objects.filter(uri="b").exists()
    assert not ModelLogEntry.objects.filter(label="Talks reach a February deadline").exclude(
        object_id__in=[str(pk) for pk in Article.objects.values_list("pk", flat=True)]
    )
    # Written line by line or in a run, an article gets the same rows.
    for article in Article.objects.filter(uri__in=["a", "c"]):
        assert article.revisions.count() == 1 and article.live_revision == article.latest_revision
    assert Category.objects.filter(name="Brand new").count() == 1


def test_the_same_rows_whether_written_in_a_run_or_alone(make_article):
    clash = str(make_article(language="en").translation_key)
    imported(ninjs(uri="run", keywords=["Cotton"], priority=1))
    imported(
        ninjs(uri="alone", keywords=["Cotton"], priority=1),
        ninjs(uri="x", x_sahifa_translation_key=clash),
    )

    def rows(uri):
        article = Article.objects.get(uri=uri)
        logs = ModelLogEntry.objects.filter(object_id=str(article.pk))
        revision = article.latest_revision.content
        return {
            "fields": {
                f: getattr(article, f)
                for f in (
                    "headline",
                    "live",
                    "first_published_at",
                    "last_published_at",
                    "updated_at",
                    "category_id",
                    "is_top_story",
                    "has_unpublished_changes",
                )
            },
            "tags": list(article.tags.names()),
            "logs": sorted(logs.values_list("action", flat=True)),
            "live_revision": article.live_revision_id == article.latest_revision_id,
            "revision": {k: revision[k] for k in ("headline", "live", "category", "is_top_story")},
            "revision_tags": [t["tag"] for t in revision["tagged_items"]],
        }

    assert rows("run") == rows("alone")


def test_oversized_and_undecodable_lines_are_bad_lines(settings):
    settings.SAHIFA_IMPORT_MAX_LINE_BYTES = 2000
    big = lines(ninjs(uri="big", body_text="word " * 1000))[0]
    good = lines(ninjs(uri="good"))[0]
    data = b"\n".join([big.encode(), b"\xff\xfe not utf-8", good.encode()]) + b"\n"
    report = import_ninjs(read_lines(io.BytesIO(data)), source="<stdin>")
    assert [str(e) for e in report.errors] == [
        "<stdin>:1: line is longer than 2000 bytes",
        "<stdin>:2: not UTF-8 text (byte 1)",
    ]
    assert list(Article.objects.values_list("uri", flat=True)) == ["good"]


def test_read_lines_never_holds_more_than_the_limit():
    data = io.BytesIO(b"x" * 50_000 + b"\nsecond\n")
    got = list(read_lines(data, limit=1000))
    assert [len(line) for line in got] == [1001, 7]
    assert got[1] == b"second\n"


def test_imported_articles_reach_the_search_and_reference_indexes(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        report = imported(ninjs(headline="Record cotton harvest in Khorezm"))
    assert report.ok
    article = Article.objects.get()
    found = get_search_backend().search("cotton", Article)
    assert [a.pk for a in found] == [article.pk]
    used = ReferenceIndex.get_references_to(article.category)
    assert article.pk in {int(r.object_id) for r in used}


def test_an_update_that_changes_the_slug_keeps_the_old_one_as_former(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        imported(ninjs(x_sahifa_slug="old-slug"))
        imported(ninjs(x_sahifa_slug="new-slug", headline="Harvest of wheat in Karakalpakstan"))
    article = Article.objects.get()
    assert article.slug == "new-slug"
    assert list(article.former_slugs.values_list("slug", flat=True)) == ["old-slug"]
    found = get_search_backend().search("wheat", Article)
    assert [a.pk for a in found] == [article.pk]  # the update reached the search index


def test_withholding_a_published_article_unpublishes_it():
    imported(ninjs())
    report = imported(ninjs(pubstatus="withheld"))
    assert report.updated == 1
    article = Article.objects.get()
    assert not article.live and article.live_revision is None
    actions = ModelLogEntry.objects.filter(object_id=str(article.pk)).values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["wagtail.create", "wagtail.publish", "wagtail.unpublish"]


def test_other_apps_hear_which_articles_came_in(django_capture_on_commit_callbacks):
    heard: list[list[int]] = []

    def receiver(sender, event, **kwargs):
        heard.append(sorted(event.ids(ARTICLE)))

    content_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            imported(ninjs(uri="a"), ninjs(uri="b"))
            imported(ninjs(uri="a", headline="Changed"))
    finally:
        content_changed.disconnect(receiver)
    ids = dict(Article.objects.values_list("uri", "pk"))
    assert heard == [sorted([ids["a"], ids["b"]]), [ids["a"]]]


def test_tags_whose_slugs_clash_are_all_kept():
    Tag.objects.create(name="Cotton!")  # slug "cotton"
    report = imported(
        ninjs(uri="a", keywords=["Cotton", "Harvest"]), ninjs(uri="b", keywords=["cotton"])
    )
    assert report.ok
    assert sorted(Article.objects.get(uri="a").tags.names()) == ["Cotton", "Harvest"]
    assert list(Article.objects.get(uri="b").tags.names()) == ["cotton"]
    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 4


def test_clashing_tag_slugs_are_numbered_as_taggit_numbers_them():
    Tag.objects.create(name="Cotton!")  # slug "cotton"
    Tag.objects.create(name="Cotton?", slug="cotton_2")
    taggit = Tag(name="COTTON")
    taggit.save()  # taggit's own numbering
    report = imported(
        ninjs(uri="a", keywords=["Cotton", "Yield", "!!"]), ninjs(uri="b", keywords=["cotton"])
    )
    assert report.ok
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert taggit.slug == "cotton_1"
    assert (slugs["Yield"], slugs["!!"]) == ("yield", "")
    assert {slugs["Cotton"], slugs["cotton"]} == {"cotton_3", "cotton_4"}
