"""The job worker as operators see it: every finished job in the metrics, each periodic
job's last run in the database and in the admin's "Job worker" report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahifa.core.metrics import exposition
from sahifa.core.models import JobRun
from sahifa.core.tests.observing import sample
from sahifa.popularity.tasks import flush_views

pytestmark = pytest.mark.django_db


@db_periodic_task(crontab(minute="0", hour="3"))
def failing_nightly_job() -> None:
    raise RuntimeError("the archive server said no")


FAILING = "sahifa.core.tests.test_jobs.failing_nightly_job"
FLUSH = "sahifa.popularity.tasks.flush_views"


@pytest.fixture
def operator(admin_client, admin_user):
    """A superuser whose admin speaks English (the site's default language is uz)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_client


def jobs(job: str, outcome: str) -> float:
    return sample(exposition().decode(), "sahifa_jobs_total", job=job, outcome=outcome)


def test_periodic_runs_are_recorded_with_their_outcome():
    completed, failed = jobs(FLUSH, "complete"), jobs(FAILING, "error")
    flush_views()  # jobs run at once in the tests, through huey's own execution
    flush_views()
    failing_nightly_job()

    ok = JobRun.objects.get(name=FLUSH)
    assert ok.last_succeeded and ok.runs == 2 and ok.failures == 0
    assert ok.last_finished_at >= ok.last_started_at and ok.last_duration is not None
    assert ok.last_success_at and ok.last_failure_at is None and ok.last_error == ""

    bad = JobRun.objects.get(name=FAILING)
    assert not bad.last_succeeded and bad.runs == 1 and bad.failures == 1
    assert bad.last_error == "RuntimeError: the archive server said no"
    assert bad.last_success_at is None and bad.last_failure_at

    assert jobs(FLUSH, "complete") - completed == 2
    assert jobs(FAILING, "error") - failed == 1


def test_jobs_that_are_not_periodic_are_counted_but_not_kept(make_article):
    from sahifa.social.tasks import make_picture_sizes

    name = "sahifa.social.tasks.make_picture_sizes"
    before = jobs(name, "complete")
    make_picture_sizes([make_article().pk])
    assert jobs(name, "complete") - before == 1
    assert not JobRun.objects.filter(name=name).exists()


def test_the_admin_shows_the_last_run_of_each_job(operator):
    flush_views()
    failing_nightly_job()
    page = operator.get(reverse("job_worker")).content.decode()
    assert FLUSH in page and FAILING in page
    assert "Succeeded" in page and "Failed" in page
    assert "the archive server said no" in page
    # Both jobs just ran: no warning that the worker is idle.
    assert "may be stopped" not in page and "has run yet" not in page
    export = operator.get(reverse("job_worker") + "?export=csv")
    assert export.status_code == 200 and FAILING.encode() in export.getvalue()


def test_the_admin_warns_when_no_periodic_job_ran_lately(operator):
    page = operator.get(reverse("job_worker")).content.decode()
    assert "No periodic job has run yet" in page
    flush_views()
    JobRun.objects.update(last_finished_at=timezone.now() - timedelta(minutes=42))
    page = operator.get(reverse("job_worker")).content.decode()
    assert "No periodic job has finished for 42 minutes" in page


def test_staff_without_the_permission_see_no_report(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("clerk", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("job_worker")).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Job worker" not in menu


def test_the_report_speaks_the_operators_language(operator, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ru"
    profile.save()
    failing_nightly_job()
    page = operator.get(reverse("job_worker")).content.decode()
    assert "Обработчик заданий" in page and "Ошибка" in page
