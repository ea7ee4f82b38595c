"""The pages under test and what they cost in queries; PDF render times. Runs inside Django.

A page whose URL name does not exist yet, or that does not answer 200, is reported
with the reason instead of stopping the run: pages land one by one.
"""

import statistics
import time
import traceback
from urllib.parse import parse_qs, urlencode

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import config
from bench.config import FLOOR
from checklists.forms import SectionAnswersForm
from checklists.models import AnswerKind, ChecklistSection, PlanOfApproach
from ebw_portal.accounts.models import User
from interventions.models import InterventionType


def _url(name, query="", **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None) + query, None
    except NoReverseMatch:
        return None, f"URL '{name}' bestaat (nog) niet"


def login_path() -> str:
    return reverse("accounts:login")


def _autosave_target():
    """The step with the first long-text question: the wizard step and its autosave."""
    section = (
        ChecklistSection.objects.filter(
            checklist__plans__title=config.BENCH_PLAN_TITLES[0],
            items__answer_kind=AnswerKind.LONG_TEXT,
            items__is_active=True,
        )
        .order_by("order", "pk")
        .first()
    )
    if section is None:
        return None
    item = section.items.filter(answer_kind=AnswerKind.LONG_TEXT, is_active=True).order_by(
        "order", "pk"
    )[0]
    return section.slug, f"a-{item.slug}"


def _rest_of_form(plan, section_slug, field) -> str:
    """The step's other fields with the plan's answers, urlencoded: a browser's autosave
    sends the whole form, so the measured save changes one answer, not blank the rest."""
    section = plan.checklist.sections.get(slug=section_slug)
    items = list(section.items.filter(is_active=True).order_by("order", "pk"))
    stored = {a.item_id: a.value for a in plan.answers.filter(item__in=items)}
    form = SectionAnswersForm(items, stored)
    data = [
        (bound.html_name, value)
        for bound in form
        if bound.html_name != field
        for value in (bound.value() if isinstance(bound.value(), list) else [bound.value()])
        if value not in (None, "", False)
    ]
    return urlencode(data)


def targets() -> list[dict]:
    """The pages of the benchmark, in the order the table shows them."""
    plans = list(
        PlanOfApproach.objects.filter(
            title__in=config.BENCH_PLAN_TITLES,
            municipality__name=config.BENCH_MUNICIPALITY,
        ).order_by("title")
    )
    kind = InterventionType.objects.order_by("order", "name").first()
    step = _autosave_target()
    pages = [
        ("home", "Home", _url("home"), False),
        (
            "type",
            "Typepagina",
            _url("interventions:type_detail", slug=kind.slug)
            if kind
            else (None, "geen interventietype"),
            False,
        ),
        ("search", "Zoeken", _url("search", f"?q={config.SEARCH_WORD}"), False),
        ("matrix", "Bewijsmatrix", _url("evaluations:matrix"), False),
        ("evaluations", "Evaluaties (lijst)", _url("evaluations:evaluation_list"), False),
        ("plans", "Mijn plannen", _url("checklists:plan_list"), True),
    ]
    if plans and step:
        section_slug, field = step
        pages.append(
            (
                "step",
                "Wizardstap (GET)",
                _url("checklists:plan_step", pk=plans[0].pk, section_slug=section_slug),
                True,
            )
        )
        autosave_paths = [
            _url("checklists:plan_step_autosave", pk=plan.pk, section_slug=section_slug)[0]
            for plan in plans
        ]
        url, reason = _url(
            "checklists:plan_step_autosave", pk=plans[0].pk, section_slug=section_slug
        )
    else:
        field, autosave_paths = None, []
        url, reason = None, "geen benchplan of geen stap met een open vraag"
        pages.append(("step", "Wizardstap (GET)", (None, reason), True))
    pages.append(("autosave", "Autosave (POST)", (url, reason), True))
    pages.append((FLOOR, "Vloer (kale Django-view)", _url("bench_floor"), False))

    result = []
    for key, label, (path, problem), login in pages:
        target = {"key": key, "label": label, "path": path, "problem": problem, "login": login}
        if key == "autosave":
            target.update(
                method="POST",
                field=field,
                plans=[
                    {"id": p.pk, "path": u, "rest": _rest_of_form(p, section_slug, field)}
                    for p, u in zip(plans, autosave_paths, strict=True)
                ],
            )
        else:
            target["method"] = "GET"
        result.append(target)
    return result


def autosave_data(target, n):
    plan = PlanOfApproach.objects.get(pk=target["plans"][0]["id"])
    return {
        **parse_qs(target["plans"][0]["rest"]),
        target["field"]: f"Autosave-meting {n}: een gewijzigd antwoord.",
        "revision": plan.revision,
    }


def count_queries(target_list, floor_bytes=0) -> dict:
    """Queries of the first visit to each page (empty cache: the page is rendered) and of
    the second (from per-process caches, such as the shared copy of a public page)."""
    user = User.objects.get(username=config.BENCH_USERNAME)
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(user)
    results = {}
    for target in target_list:
        if not target["path"]:
            results[target["key"]] = {"problem": target["problem"]}
            continue
        client = logged_in if target["login"] else anonymous
        path = target["path"]
        if target["key"] == FLOOR:
            path += f"?bytes={floor_bytes}"
        outcome, first_queries = {}, None
        if target["method"] == "POST":
            # The first autosave of a stretch of work writes a new history line (one
            # INSERT more); whether a stretch is open would otherwise depend on how long
            # ago the last run was. Counted is an autosave within a stretch, as most are.
            _send(client, path, autosave_data(target, -1))
        cache.clear()
        for attempt in range(2):
            # The form data (with the plan's current revision) is read before counting.
            data = autosave_data(target, attempt) if target["method"] == "POST" else None
            with CaptureQueriesContext(connection) as queries:
                response = _send(client, path, data)
            outcome = {"status": response.status_code, "queries": len(queries)}
            if first_queries is None:
                first_queries = len(queries)
                first_sql = [q["sql"] for q in queries.captured_queries]
            if response.status_code != 200:
                outcome["problem"] = f"antwoordt {response.status_code}"
                break
            outcome["bytes"] = len(response.content)
            outcome["sql"] = [q["sql"] for q in queries.captured_queries]
            outcome["first_queries"] = first_queries
            outcome["first_sql"] = first_sql
        else:
            outcome["cpu_ms"] = _cpu_ms(client, path, target)
            outcome["first_cpu_ms"] = _cpu_ms(client, path, target, fresh=True)
        results[target["key"]] = outcome
    return results


def _send(client, path, data):
    if data is not None:
        return client.post(path, data, headers={"HX-Request": "true"})
    return client.get(path)


def _cpu_ms(client, path, target, runs=5, fresh=False) -> float:
    """Median CPU time of this process for one request, one at a time. Unlike wall time
    under load it hardly changes when other programs share the cores, so it shows what a
    fix saves even on a busy machine (database time is not included). `fresh`: with an
    empty cache before each request, as for the first visitor after a change."""
    times = []
    for n in range(runs):
        data = autosave_data(target, 10 + n) if target["method"] == "POST" else None
        if fresh:
            cache.clear()
        started = time.process_time()
        _send(client, path, data)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def pdf_timings() -> dict:
    """Median render time of a complete plan and of the large plan, or why there is none."""
    try:
        from checklists.pdf.render import render_plan_pdf
    except ImportError as exc:
        return {"problem": f"checklists.pdf.render.render_plan_pdf ontbreekt ({exc})"}
    plans = {
        "complete": (PlanOfApproach.objects.get(title=config.BENCH_PLAN_TITLES[0]), 5),
        "large": (PlanOfApproach.objects.get(title=config.LARGE_PLAN_TITLE), 3),
    }
    result = {}
    for key, (plan, runs) in plans.items():
        times, cpu_times, size = [], [], 0
        try:
            for _ in range(runs):
                plan = PlanOfApproach.objects.get(pk=plan.pk)
                started, cpu_started = time.perf_counter(), time.process_time()
                pdf = render_plan_pdf(plan, "nl")
                times.append(time.perf_counter() - started)
                # CPU time shows what the render costs when other processes share the cores.
                cpu_times.append(time.process_time() - cpu_started)
                size = len(pdf)
        except Exception as exc:  # noqa: BLE001 - reported, the other figures still count
            result[key] = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}
            continue
        result[key] = {
            "median": statistics.median(times),
            "cpu_median": statistics.median(cpu_times),
            "runs": times,
            "bytes": size,
        }
    return result
