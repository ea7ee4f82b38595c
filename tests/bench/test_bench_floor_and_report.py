"""The benchmark's own parts: the floor page, the data it builds, cold requests, and how
it judges."""

import pytest
from bench import builder, cold, config, measure, report, size
from django.core.cache import cache
from django.core.management import call_command

from checklists.models import ChecklistItem, PlanOfApproach
from checklists.models.text_limits import LONG_TEXT


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_bench_settings_add_the_floor_and_the_cold_switch_to_the_portals_settings():
    from bench import settings as bench_settings

    from ebw_portal import settings as portal_settings

    assert bench_settings.ROOT_URLCONF == "bench.urls"
    assert bench_settings.MIDDLEWARE[0] == "bench.cold.ColdRequestMiddleware"
    assert bench_settings.MIDDLEWARE[1:] == portal_settings.MIDDLEWARE
    assert bench_settings.DATABASES == portal_settings.DATABASES


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


def test_floor_of_save_and_next_redirects_to_a_floor_page_as_large_as_the_next_step(
    client, bench_urls
):
    posted = client.post("/bench/vloer/?bytes=0&volgende=5000", {"a-veld": "tekst", "next": "1"})

    assert posted.status_code == 302
    following = client.get(posted["Location"])
    assert following.status_code == 200
    assert len(following.content) == 5000


def test_floor_page_ignores_a_nonsense_size(client, bench_urls):
    response = client.get("/bench/vloer/?bytes=veel")

    assert response.status_code == 200
    assert response.content.startswith(b"<!doctype html>")


def test_a_cold_start_forgets_the_remembered_content_version(
    db, monkeypatch, django_assert_num_queries
):
    """Cold means every cache empty, also the number the public pages are keyed by."""
    from ebw_portal.common import content_version

    monkeypatch.setattr(content_version, "REMEMBER_SECONDS", 60)
    content_version.current()
    with django_assert_num_queries(0):
        content_version.current()  # remembered

    cold.empty_every_cache()

    with django_assert_num_queries(1):
        content_version.current()


def test_the_cold_header_empties_the_cache_before_the_request_and_nothing_else_does(
    client, settings, bench_urls
):
    settings.MIDDLEWARE = ["bench.cold.ColdRequestMiddleware", *settings.MIDDLEWARE]
    cache.set("bench-test", "warm")

    client.get("/bench/vloer/")
    assert cache.get("bench-test") == "warm"

    client.get("/bench/vloer/", headers={cold.HEADER: "1"})
    assert cache.get("bench-test") is None


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
    longest = max(len(a.value) for a in large.answers.all())
    assert config.LARGE_ANSWER_CHARS == LONG_TEXT  # as long as a team may type
    assert LONG_TEXT - 50 < longest <= LONG_TEXT


def test_every_benchmarked_page_answers_cold_and_warm_on_demo_data(
    demo_with_bench_login, bench_urls
):
    targets = measure.targets()
    results = measure.count_queries(targets)

    assert {t["key"] for t in targets} >= {
        "home",
        "type",
        "search",
        "matrix",
        "plans",
        "step",
        "step_next",
        "autosave",
    }
    for target in targets:
        result = results[target["key"]]
        assert result.get("status") == 200, (target["key"], result)
        assert "problem" not in result, (target["key"], result)
        assert result["cold_queries"] >= 1 or target["key"] == config.FLOOR
        assert "cold_cpu_ms" in result and "cpu_ms" in result


def test_save_and_next_can_be_posted_again_and_again_and_redirects_to_the_next_step(
    demo_with_bench_login, bench_urls
):
    """Each POST carries the plan's revision as it is then, so none is a conflict."""
    from django.test import Client

    from ebw_portal.accounts.models import User

    target = next(t for t in measure.targets() if t["key"] == "step_next")
    client = Client()
    client.force_login(User.objects.get(username=config.BENCH_USERNAME))
    plan = PlanOfApproach.objects.get(pk=target["plans"][0]["id"])

    for n in range(3):
        status, content, problem = measure.visit(
            client, target, target["path"], measure.form_data(target, n)
        )
        assert (status, problem) == (200, None)
        assert b'name="revision"' in content  # the next step's own form

    plan.refresh_from_db()
    answer = plan.answers.get(item__slug=target["field"].removeprefix("a-"))
    assert answer.value == "Opslaan en verder-meting 2: een gewijzigd antwoord."


def _row(key, p95=10.0, small=5, scale=5, cpu=5.0, p50=5.0):
    return {
        "key": key,
        "label": key,
        "load": {"p50_ms": p50, "p95_ms": 5.0, "rps": 100.0},
        "cold_load": {"p50_ms": p50, "p95_ms": p95, "rps": 100.0},
        "small": {"queries": 1, "cold_queries": small},
        "scale": {"queries": 1, "cold_queries": scale, "cpu_ms": 1.0, "cold_cpu_ms": cpu},
    }


def test_report_judges_the_cold_columns():
    rows = [
        _row("home"),
        _row("type", p95=150.0, small=6, scale=13, cpu=15.1),
        _row(config.FLOOR, small=0, scale=0),
    ]

    text, missed = report.render(rows, {"problem": "nog geen pdf"}, [])

    assert missed[report.P95_TARGET] == ["type"]
    assert missed[report.QUERIES_TARGET] == ["type"]
    assert missed[report.SAME_TARGET] == ["type"]
    assert missed[report.CPU_TARGET] == ["type"]
    assert "home" not in str(missed)
    assert "n.v.t. (nog geen pdf)" in text
    assert "KOUD: eerste bezoek" in text


def test_report_holds_the_warm_figures_and_the_floor_ratio_only_as_information():
    page = _row("home", p50=40.0)  # 10x the floor, warm and cold
    page["load"]["p95_ms"] = 400.0
    page["scale"]["queries"] = 30
    rows = [page, _row(config.FLOOR, p50=4.0, small=0, scale=0)]

    text, missed = report.render(rows, {"problem": "-"}, [])

    assert page["ratio"] == 10.0
    assert not missed


def test_report_shows_a_missing_page_as_an_error_not_as_fast():
    rows = [
        {"key": "matrix", "label": "Bewijsmatrix", "problem": "URL bestaat (nog) niet"},
        _row(config.FLOOR),
    ]

    text, missed = report.render(rows, {"problem": "-"}, [])

    assert "FOUT: URL bestaat (nog) niet" in text
    assert not missed


def test_report_compares_a_page_with_the_floor_measured_right_after_it():
    page = _row("home", p50=10.0)
    page["load"]["floor_p50_ms"] = 5.0
    rows = [page, _row(config.FLOOR, p50=1.0)]

    report.render(rows, {"problem": "-"}, [])

    assert page["ratio"] == 2.0


def test_lines_of_python_leave_out_migrations_and_are_printed_beside_the_table(tmp_path):
    for folder in size.PRODUCT:
        (tmp_path / folder / "migrations").mkdir(parents=True)
        (tmp_path / folder / "models.py").write_text("a = 1\nb = 2\n")
        (tmp_path / folder / "migrations" / "0001_initial.py").write_text("x = 1\n" * 50)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("def test():\n    pass\n\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "run.py").write_text("print()\n")
    (tmp_path / "scripts" / "notes.txt").write_text("not python\n")

    lines = size.python_lines(tmp_path)

    assert lines["product"]["checklists"] == 2
    assert lines["product"]["totaal"] == 2 * len(size.PRODUCT)
    assert (lines["tests"], lines["scripts"]) == (3, 1)
    text, _ = report.render([_row(config.FLOOR)], {"problem": "-"}, [], lines)
    assert "product 8 (ebw_portal 2, interventions 2" in text
    assert "tests 3; scripts 1" in text
