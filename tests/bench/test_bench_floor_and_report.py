"""The benchmark's own parts: the floor page, the data it builds, and how it judges."""

import pytest
from bench import builder, config, measure, report
from django.core.management import call_command

from checklists.models import ChecklistItem, PlanOfApproach


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "ebw_portal.bench_urls"


def test_floor_page_has_the_size_asked_for_and_passes_the_portals_middleware(client, bench_urls):
    response = client.get("/bench/vloer/?bytes=9000")

    assert response.status_code == 200
    assert len(response.content) == 9000
    # The same middleware as every page: CSP and the other security headers are set.
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


def test_floor_page_takes_a_form_post_with_its_csrf_check(bench_urls):
    """The autosave's floor: a POST like the autosave's, through the same CSRF check."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/bench/vloer/")  # no token cookie yet: the POST below is refused
    refused = client.post("/bench/vloer/?bytes=110", {"a-veld": "tekst", "revision": "3"})
    assert refused.status_code == 403

    client.cookies["csrftoken"] = "a" * 32
    response = client.post(
        "/bench/vloer/?bytes=110",
        {"a-veld": "tekst", "revision": "3"},
        headers={"X-CSRFToken": "a" * 32, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert len(response.content) == 110


def test_floor_page_ignores_a_nonsense_size(client, bench_urls):
    response = client.get("/bench/vloer/?bytes=veel")

    assert response.status_code == 200
    assert response.content.startswith(b"<!doctype html>")


@pytest.fixture
def demo_with_bench_login(db):
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    builder.add_bench_login()


def test_bench_plans_answer_every_question_and_the_large_plan_is_large(demo_with_bench_login):
    active_items = ChecklistItem.objects.filter(
        is_active=True,
        section__checklist__kind="plan_van_aanpak",
        section__checklist__is_active=True,
    ).count()
    plan = PlanOfApproach.objects.get(title=config.BENCH_PLAN_TITLES[0])
    large = PlanOfApproach.objects.get(title=config.LARGE_PLAN_TITLE)

    assert plan.answers.exclude(value="").count() == active_items
    assert large.sub_goals.count() == config.LARGE_PLAN_SUB_GOALS
    longest = max(len(a.value.split()) for a in large.answers.all())
    assert longest == config.LARGE_ANSWER_WORDS


def test_every_benchmarked_page_answers_200_on_demo_data(demo_with_bench_login, bench_urls):
    targets = measure.targets()
    results = measure.count_queries(targets)

    assert {t["key"] for t in targets} >= {"home", "type", "search", "matrix", "plans", "autosave"}
    for target in targets:
        assert results[target["key"]].get("status") == 200, (target["key"], results[target["key"]])


def _row(key, p50, p95=10.0, small=5, scale=5):
    return {
        "key": key,
        "label": key,
        "load": {"p50_ms": p50, "p95_ms": p95, "rps": 100.0},
        "small": {"queries": small},
        "scale": {"queries": scale},
    }


def test_report_marks_a_page_slower_than_three_floors_and_growing_queries_as_missed():
    rows = [
        _row("home", p50=5.0),
        _row("type", p50=40.0, p95=150.0, small=6, scale=20),
        _row(config.FLOOR, p50=4.0, small=0, scale=0),
    ]

    text, missed = report.render(rows, {"problem": "nog geen pdf"}, [])

    assert missed["p50 binnen 3x vloer"] == ["type"]
    assert missed["p95 < 100 ms"] == ["type"]
    assert missed["<= 15 queries"] == ["type"]
    assert missed["zelfde queries 1x en 100x"] == ["type"]
    assert "home" not in str(missed)
    assert "n.v.t. (nog geen pdf)" in text


def test_report_shows_a_missing_page_as_an_error_not_as_fast():
    rows = [
        {"key": "matrix", "label": "Bewijsmatrix", "problem": "URL bestaat (nog) niet"},
        _row(config.FLOOR, p50=4.0),
    ]

    text, missed = report.render(rows, {"problem": "-"}, [])

    assert "FOUT: URL bestaat (nog) niet" in text
    assert not missed


def test_report_compares_a_page_with_the_floor_measured_right_after_it():
    page = _row("home", p50=10.0)
    page["load"]["floor_p50_ms"] = 5.0
    rows = [page, _row(config.FLOOR, p50=1.0)]

    text, missed = report.render(rows, {"problem": "-"}, [])

    assert page["ratio"] == 2.0
    assert "p50 binnen 3x vloer" not in missed
