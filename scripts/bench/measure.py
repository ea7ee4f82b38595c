"""The pages under test and what they cost in queries and CPU, cold and warm; PDF render
times. Runs inside Django.

Three kinds of target: a page (GET), the autosave (an htmx POST of the step form) and
"Opslaan en verder" (a POST of the step form with `next`, whose redirect to the next
step is followed: both requests count as one visit).

A page whose URL name does not exist yet, that does not answer as it should or that
raises, is reported with the reason instead of stopping the run: pages land one by one.
"""

import statistics
import time
import traceback
from urllib.parse import parse_qsl, urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import config
from bench.cold import empty_every_cache
from bench.config import FLOOR
from checklists.models import AnswerKind, ChecklistSection, PlanOfApproach
from checklists.wizard.forms import SectionAnswersForm, list_formset_for
from ebw_portal.accounts.models import User
from interventions.models import InterventionType

PAGE, AUTOSAVE, SAVE_NEXT = "page", "autosave", "save_next"
WRITES = (AUTOSAVE, SAVE_NEXT)
CPU_RUNS = 5
_FORM = {"content_type": "application/x-www-form-urlencoded"}


# The wizard's URL namespace; "checklists" in a checkout from before it had its own.
WIZARD_NAMESPACES = ("wizard", "checklists")


def _url(name, query="", **kwargs):
    """(path, None), or (None, why not). A name starting with "wizard:" is looked up in
    each of WIZARD_NAMESPACES in turn."""
    namespace, _, rest = name.rpartition(":")
    names = [f"{n}:{rest}" for n in WIZARD_NAMESPACES] if namespace == "wizard" else [name]
    for candidate in names:
        try:
            return reverse(candidate, kwargs=kwargs or None) + query, None
        except NoReverseMatch:
            continue
    return None, f"URL '{name}' bestaat (nog) niet"


def login_path() -> str:
    return reverse("accounts:login")


def _step_with_long_text():
    """The step with the first long-text question: the wizard step, its autosave and
    "Opslaan en verder" all use it."""
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
    return section, f"a-{item.slug}"


def _filled_fields(form, leave_out=""):
    """(name, value) pairs of a form as the browser sends it with its current values."""
    for bound in form:
        if bound.html_name == leave_out:
            continue
        value = bound.value()
        for one in value if isinstance(value, list) else [value]:
            if one not in (None, "", False):
                yield bound.html_name, one


def _rest_of_form(plan, section, field, whole_step=False) -> str:
    """The step's other fields with the plan's answers, urlencoded: a browser sends the
    whole form, so the measured save changes one answer, not blank the rest.
    `whole_step`: also the list rows (subgoals, stakeholders) and the "Opslaan en
    verder" button, as the step's own form posts them; the autosave sends the answers."""
    items = list(section.items.filter(is_active=True).order_by("order", "pk"))
    stored = {a.item_id: a.value for a in plan.answers.filter(item__in=items)}
    data = list(_filled_fields(SectionAnswersForm(items, stored), leave_out=field))
    if whole_step:
        formset = list_formset_for(section, plan)
        if formset is not None:
            data += _filled_fields(formset.management_form)
            for form in formset.forms:
                data += _filled_fields(form)
        data.append(("next", "1"))
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
    step = _step_with_long_text()
    pages = [
        ("home", "Home", _url("home"), False, PAGE),
        (
            "type",
            "Typepagina",
            _url("interventions:type_detail", slug=kind.slug)
            if kind
            else (None, "geen interventietype"),
            False,
            PAGE,
        ),
        ("search", "Zoeken", _url("search", f"?q={config.SEARCH_WORD}"), False, PAGE),
        ("matrix", "Bewijsmatrix", _url("evaluations:matrix"), False, PAGE),
        ("evaluations", "Evaluaties (lijst)", _url("evaluations:evaluation_list"), False, PAGE),
        ("plans", "Mijn plannen", _url("wizard:plan_list"), True, PAGE),
    ]
    section, field = step if plans and step else (None, None)
    write_paths = {}
    if section is not None:
        slug = section.slug
        pages.append(
            (
                "step",
                "Wizardstap (GET)",
                _url("wizard:plan_step", pk=plans[0].pk, section_slug=slug),
                True,
                PAGE,
            )
        )
        for key, name in (
            ("step_next", "wizard:plan_step"),
            ("autosave", "wizard:plan_step_autosave"),
        ):
            write_paths[key] = [_url(name, pk=p.pk, section_slug=slug)[0] for p in plans]
        save_next = _url("wizard:plan_step", pk=plans[0].pk, section_slug=slug)
        autosave = _url("wizard:plan_step_autosave", pk=plans[0].pk, section_slug=slug)
    else:
        reason = "geen benchplan of geen stap met een open vraag"
        pages.append(("step", "Wizardstap (GET)", (None, reason), True, PAGE))
        save_next = autosave = (None, reason)
    pages.append(("step_next", "Opslaan en verder (POST + GET)", save_next, True, SAVE_NEXT))
    pages.append(("autosave", "Autosave (POST)", autosave, True, AUTOSAVE))
    pages.append((FLOOR, "Vloer (kale Django-view)", _url("bench_floor"), False, PAGE))

    result = []
    for key, label, (path, problem), login, visit in pages:
        target = {
            "key": key,
            "label": label,
            "path": path,
            "problem": problem,
            "login": login,
            "kind": visit,
        }
        if visit in WRITES and path:
            target["field"] = field
            target["plans"] = [
                {
                    "id": plan.pk,
                    "path": plan_path,
                    "rest": _rest_of_form(plan, section, field, whole_step=visit == SAVE_NEXT),
                }
                for plan, plan_path in zip(plans, write_paths[key], strict=True)
            ]
        result.append(target)
    return result


def form_data(target, n) -> list | None:
    """What visit `n` posts: the form with one answer changed and the plan's revision as
    it is now (read here, before any counting), as a page that is up to date sends it.
    None for a GET."""
    if target["kind"] == PAGE:
        return None
    plan = target["plans"][0]
    revision = PlanOfApproach.objects.values_list("revision", flat=True).get(pk=plan["id"])
    text = "Autosave" if target["kind"] == AUTOSAVE else "Opslaan en verder"
    return [
        *parse_qsl(plan["rest"], keep_blank_values=True),
        (target["field"], f"{text}-meting {n}: een gewijzigd antwoord."),
        ("revision", str(revision)),
    ]


def visit(client, target, path, data) -> tuple[int, bytes, str | None]:
    """One visit: (status, content, problem). For "Opslaan en verder" the POST must
    redirect to another step, and the status and content are the next step's."""
    if target["kind"] == PAGE:
        response = client.get(path)
    elif target["kind"] == AUTOSAVE:
        response = client.post(path, urlencode(data), **_FORM, headers={"HX-Request": "true"})
    else:
        posted = client.post(path, urlencode(data), **_FORM)
        location = posted.get("Location", "")
        if posted.status_code != 302 or location.split("?")[0] == path:
            problem = (
                f"POST antwoordt {posted.status_code}, geen doorverwijzing naar een volgende stap"
            )
            return posted.status_code, posted.content, problem
        response = client.get(location)
    problem = None if response.status_code == 200 else f"antwoordt {response.status_code}"
    return response.status_code, response.content, problem


def _counted(client, target, path, n, cold) -> dict:
    data = form_data(target, n)
    if cold:
        empty_every_cache()
    with CaptureQueriesContext(connection) as queries:
        status, content, problem = visit(client, target, path, data)
    outcome = {
        "status": status,
        "bytes": len(content),
        "queries": len(queries),
        "sql": [q["sql"] for q in queries.captured_queries],
    }
    if problem:
        outcome["problem"] = problem
    return outcome


def count_queries(target_list, floor_bytes=0) -> dict:
    """Per target: the queries and CPU time of a cold visit (every cache empty, as the
    first visit after a change) and of a warm one (right after it, with whatever the
    first visit left in the caches)."""
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
        try:
            results[target["key"]] = _measured(client, target, path)
        except Exception as exc:  # noqa: BLE001 - reported in the table, the rest still counts
            results[target["key"]] = {
                "problem": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc(),
            }
    return results


def _measured(client, target, path) -> dict:
    if target["kind"] in WRITES:
        # The first save of a stretch of work writes a new history line (one INSERT
        # more); whether a stretch is open would otherwise depend on how long ago the
        # last run was. Counted is a save within a stretch, as most are.
        visit(client, target, path, form_data(target, -1))
    cold = _counted(client, target, path, 0, cold=True)
    if "problem" in cold:
        return cold
    warm = _counted(client, target, path, 1, cold=False)
    outcome = {
        **warm,
        "cold_queries": cold["queries"],
        "cold_sql": cold["sql"],
        "cold_bytes": cold["bytes"],
    }
    if "problem" not in warm:
        outcome["cpu_ms"] = _cpu_ms(client, target, path, cold=False)
        outcome["cold_cpu_ms"] = _cpu_ms(client, target, path, cold=True)
    return outcome


def _cpu_ms(client, target, path, cold, runs=CPU_RUNS) -> float:
    """Median CPU time of this process for one visit, one at a time. Unlike wall time
    under load it hardly changes when other programs share the cores, so it shows what a
    fix saves even on a busy machine (database time is not included). `cold`: with every
    cache emptied before each visit (not timed), as for the first visit after a change."""
    times = []
    for n in range(runs):
        data = form_data(target, 10 + n)
        if cold:
            empty_every_cache()
        started = time.process_time()
        visit(client, target, path, data)
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
