"""Fills a migrated database (demo content loaded) with the bench data. Runs inside Django.

`add_bench_login()` gives both scales the same login, municipality and plans, so every
page is measured on the same objects at 1x and 100x. `add_scale_data()` tops the
database up to config.SCALE with bulk_create and COPY (how long that takes: docs/bench.md).
Everything generated is fictitious; interventions and evaluations are marked as
examples (`is_example`), so nothing here could pass for a real study.
"""

import csv
import datetime
import io
import random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from bench import config
from checklists.models import (
    AdoptedElement,
    Answer,
    AnswerKind,
    Checklist,
    ChecklistItem,
    PlanChange,
    PlanOfApproach,
    PlanStatus,
    Stakeholder,
    SubGoal,
)
from ebw_portal.accounts.models import Municipality, Role, User
from evaluations.models import Access, Design, Evaluation, Kind, Status, Verdict
from interventions.models import (
    Aspect,
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    PreventionLevel,
    Theme,
)

# Dutch words in a Zipf-like frequency order (the n-th word is about 1/n as common as the
# first), so a common word such as "ouders" occurs in a share of the longer texts that
# is realistic for a search (docs/bench.md), not in nearly every row.
STOP_WORDS_TEXT = "de het een en van in met voor op aan dat om bij te door naar over ook"
COMMON_WORDS_TEXT = """
gemeente jongeren aanpak preventie samenwerking school wijk training netwerk
professionals doelgroep uitvoering evaluatie bijeenkomst signalen vertrouwen
radicalisering begeleiding veiligheid resultaten doelen deelnemers onderwijs beleid
partners gesprekken ervaring organisatie informatie ondersteuning ouders sleutelfiguren
weerbaarheid opvoeding draagvlak identiteit lotgenoten familie moeders vaders trainers
buurt extremisme polarisatie jongerenwerk wijkteam indicatoren wethouder gemeenteraad
procesevaluatie effectevaluatie interviews vragenlijst bereik werving borging
financiering continuiteit ervaringen gesprek thema kennis methode planning middelen
capaciteit casusoverleg politie zorgpartners leerkrachten mentoren coaches vrijwilligers
moskee kerk vereniging sportclub buurthuis bibliotheek jeugdzorg leerplicht
veiligheidshuis zorgteam huisbezoek groepsgesprek workshop voorlichting lespakket
theater rollenspel dialoog debat discriminatie uitsluiting erkenning zingeving toekomst
perspectief opleiding werk stage inkomen schulden huisvesting gezondheid welzijn
eenzaamheid online sociale media desinformatie complotdenken propaganda rekrutering
groepsdruk conflict geweld dreiging risico beschermende factoren hulpvraag
doorverwijzing nazorg monitoring registratie privacy gegevens toestemming protocol
afspraken rollen verantwoordelijkheden regie coordinatie overleg rapportage
verantwoording subsidie begroting kosten opbrengsten effect uitkomst proces tevredenheid
bereidheid motivatie deelname uitval opkomst verbinding contact relatie sfeer veilig
laagdrempelig vertrouwelijk neutraal open respectvol betrokken kritisch bewust weerbaar
zelfstandig actief divers meertalig cultuursensitief lokaal regionaal landelijk kort
lang eerste tweede
"""
WORDS = STOP_WORDS_TEXT.split() + COMMON_WORDS_TEXT.split()
WEIGHTS = [1 / rank for rank in range(1, len(WORDS) + 1)]

rng = random.Random(20261122)


def text(words: int) -> str:
    return " ".join(rng.choices(WORDS, weights=WEIGHTS, k=words)).capitalize() + "."


# A pool of texts, reused: generating every answer afresh would dominate build time.
_POOL: dict[int, list[str]] = {}


def pooled(words: int) -> str:
    if words not in _POOL:
        _POOL[words] = [text(words) for _ in range(300)]
    return rng.choice(_POOL[words])


def copy_rows(model, columns: list[str], rows) -> None:
    """COPY rows into a model's table: faster than bulk_create for this many rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for count, row in enumerate(rows, start=1):
        writer.writerow(["\\N" if value is None else value for value in row])
        if count % 50_000 == 0:
            _flush(model, columns, buffer)
            buffer = io.StringIO()
            writer = csv.writer(buffer)
    _flush(model, columns, buffer)


def _flush(model, columns, buffer) -> None:
    buffer.seek(0)
    sql = (
        f"COPY {model._meta.db_table} ({', '.join(columns)}) "
        "FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    )
    with connection.cursor() as cursor:
        cursor.copy_expert(sql, buffer)


def answer_value(item: ChecklistItem, long_words: int) -> str:
    kind = item.answer_kind
    if kind == AnswerKind.YES_NO_PARTLY:
        return rng.choice(["ja", "nee", "deels"])
    if kind == AnswerKind.CHOICE:
        return rng.choice(item.choice_list or [""])
    if kind == AnswerKind.DATE:
        return (
            datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(1500))
        ).isoformat()
    if kind == AnswerKind.NUMBER:
        return str(rng.randrange(1, 500))
    if kind == AnswerKind.SHORT_TEXT:
        return pooled(8)
    if long_words <= 200:
        return pooled(long_words)
    # Cut at the last word that fits: the database takes no longer answer.
    return text(long_words)[: config.LARGE_ANSWER_CHARS + 1].rsplit(" ", 1)[0]


def plan_items() -> list[ChecklistItem]:
    checklist = Checklist.objects.plan_of_approach()
    return list(
        ChecklistItem.objects.filter(section__checklist=checklist, is_active=True).order_by(
            "section__order", "order", "pk"
        )
    )


def fill_plans(plan_ids, items, *, sub_goals=3, stakeholders=3, long_words=60, elements=None):
    """Answer every item of every plan, add sub-goals, stakeholders, adopted elements
    and a line of history."""
    now = timezone.now().isoformat()
    copy_rows(
        Answer,
        ["plan_id", "item_id", "value", "updated_at"],
        ((pid, item.pk, answer_value(item, long_words), now) for pid in plan_ids for item in items),
    )
    copy_rows(
        SubGoal,
        ["plan_id", "description", "indicator", "target_value", "deadline", '"order"'],
        (
            (pid, pooled(12), pooled(6), f"{rng.randrange(10, 90)}%", "2027-12-31", n)
            for pid in plan_ids
            for n in range(sub_goals)
        ),
    )
    copy_rows(
        Stakeholder,
        ["plan_id", "name", "kind", "role", "responsibility", '"order"'],
        (
            (pid, f"Partner {n + 1}", "organisatie", pooled(3), pooled(15), n)
            for pid in plan_ids
            for n in range(stakeholders)
        ),
    )
    if elements:
        copy_rows(
            AdoptedElement,
            ["plan_id", "element_id", "note", "adopted_at"],
            (
                (pid, element_id, pooled(10), now)
                for pid in plan_ids
                for element_id in rng.sample(elements, k=min(2, len(elements)))
            ),
        )
    copy_rows(
        PlanChange,
        ["plan_id", "action", "data", "section_title", "created_at"],
        ((pid, "plan.created", "{}", "", now) for pid in plan_ids),
    )


@transaction.atomic
def add_bench_login() -> None:
    """The bench user's municipality, login and plans (idempotent)."""
    municipality, _ = Municipality.objects.get_or_create(
        name=config.BENCH_MUNICIPALITY, defaults={"cbs_code": "B00000"}
    )
    user, created = User.objects.get_or_create(
        username=config.BENCH_USERNAME,
        defaults={"municipality": municipality, "role": Role.EDITOR, "first_name": "Bench"},
    )
    if created:
        user.set_password(config.BENCH_PASSWORD)
        user.save(update_fields=["password"])
    if PlanOfApproach.objects.filter(municipality=municipality).exists():
        return
    checklist = Checklist.objects.plan_of_approach()
    if checklist is None:
        raise SystemExit("Geen actieve checklist plan van aanpak: laad eerst de fixtures.")
    kind = InterventionType.objects.order_by("order").first()
    items = plan_items()
    elements = list(kind.effective_elements.values_list("pk", flat=True))
    plans = [
        PlanOfApproach.objects.create(
            municipality=municipality,
            checklist=checklist,
            title=title,
            intervention_type=kind,
            intervention=kind.interventions.first(),
            start_date=datetime.date(2027, 1, 1),
            end_date=datetime.date(2027, 12, 31),
            created_by=user,
            updated_by=user,
        )
        for title in (*config.BENCH_PLAN_TITLES, config.LARGE_PLAN_TITLE)
    ]
    *normal, large = plans
    fill_plans([p.pk for p in normal], items, elements=elements)
    fill_plans(
        [large.pk],
        items,
        sub_goals=config.LARGE_PLAN_SUB_GOALS,
        long_words=config.LARGE_ANSWER_WORDS,
        elements=elements,
    )


def _top_up(model, target: int) -> int:
    return max(target - model.objects.count(), 0)


@transaction.atomic
def add_scale_data() -> None:
    scale = config.SCALE
    password = make_password("bench-gebruiker-niet-in-productie")
    types = list(InterventionType.objects.order_by("order"))
    if not types:
        raise SystemExit("Geen interventietypen: laad eerst de fixtures.")

    missing = _top_up(Municipality, scale["municipalities"])
    Municipality.objects.bulk_create(
        Municipality(name=f"Benchgemeente {n:03d}", cbs_code=f"B{n:05d}")
        for n in range(1, missing + 1)
    )
    municipalities = list(Municipality.objects.values_list("pk", flat=True))

    missing = _top_up(User, scale["users"])
    User.objects.bulk_create(
        (
            User(username=f"bench-ess-{n:05d}", password=password, role=Role.ESS)
            if n % 100 == 0
            else User(
                username=f"bench-gebruiker-{n:05d}",
                password=password,
                role=Role.EDITOR if n % 3 else Role.READER,
                municipality_id=municipalities[n % len(municipalities)],
                first_name="Bench",
                last_name=f"{n:05d}",
            )
            for n in range(1, missing + 1)
        ),
        batch_size=1000,
    )

    missing = _top_up(Intervention, scale["interventions"])
    Intervention.objects.bulk_create(
        (
            Intervention(
                slug=f"bench-interventie-{n:05d}",
                name=f"Voorbeeldinterventie {n:05d}",
                intervention_type=types[n % len(types)],
                summary=pooled(20),
                description=pooled(120),
                target_group=pooled(6),
                prevention_level=rng.choice(PreventionLevel.values),
                setting=pooled(4),
                provider=f"Aanbieder {n % 97}",
                is_example=True,
            )
            for n in range(1, missing + 1)
        ),
        batch_size=1000,
    )
    interventions_by_type = {t.pk: [] for t in types}
    for pk, type_id in Intervention.objects.values_list("pk", "intervention_type_id"):
        interventions_by_type[type_id].append(pk)

    _add_elements_and_lessons(types, interventions_by_type)
    _add_evaluations(types, interventions_by_type, municipalities)
    _add_plans(types, interventions_by_type, municipalities)


def _add_elements_and_lessons(types, interventions_by_type) -> None:
    scale = config.SCALE
    missing = _top_up(EffectiveElement, scale["effective_elements"])
    new = EffectiveElement.objects.bulk_create(
        (
            EffectiveElement(
                slug=f"bench-element-{n:05d}",
                title=f"Voorbeeldelement {n:05d}: {pooled(4)}",
                summary=pooled(20),
                explanation=pooled(80),
                aspect=rng.choice(Aspect.values),
                order=n,
            )
            for n in range(1, missing + 1)
        ),
        batch_size=1000,
    )
    type_links, intervention_links = [], []
    for n, element in enumerate(new):
        kind = types[n % len(types)]
        type_links.append((element.pk, kind.pk))
        for intervention_id in rng.sample(interventions_by_type[kind.pk], k=2):
            intervention_links.append((element.pk, intervention_id))
    copy_rows(
        EffectiveElement.types.through, ["effectiveelement_id", "interventiontype_id"], type_links
    )
    copy_rows(
        EffectiveElement.interventions.through,
        ["effectiveelement_id", "intervention_id"],
        intervention_links,
    )

    missing = _top_up(LessonLearned, scale["lessons"])
    new = LessonLearned.objects.bulk_create(
        (
            LessonLearned(
                slug=f"bench-les-{n:05d}",
                title=f"Voorbeeldles {n:05d}: {pooled(4)}",
                summary=pooled(20),
                explanation=pooled(80),
                theme=rng.choice(Theme.values),
                order=n,
            )
            for n in range(1, missing + 1)
        ),
        batch_size=1000,
    )
    # One lesson in five has no type: it applies to every type.
    copy_rows(
        LessonLearned.types.through,
        ["lessonlearned_id", "interventiontype_id"],
        ((lesson.pk, types[n % len(types)].pk) for n, lesson in enumerate(new) if n % 5),
    )


def _add_evaluations(types, interventions_by_type, municipalities) -> None:
    missing = _top_up(Evaluation, config.SCALE["evaluations"])
    statuses = [Status.PUBLISHED] * 8 + [Status.DRAFT, Status.REVIEW]
    new = Evaluation.objects.bulk_create(
        (
            Evaluation(
                slug=f"bench-evaluatie-{n:05d}",
                title=f"Voorbeeldevaluatie {n:05d}: {pooled(5)}",
                year=rng.randrange(2012, 2027),
                evaluator=f"Onderzoeksbureau {n % 53}",
                authors=pooled(4),
                commissioner=f"Gemeente {n % 101}",
                kind=rng.choice(Kind.values),
                design=rng.choice(Design.values),
                methods=pooled(6),
                respondents=pooled(4),
                participants=rng.randrange(5, 400),
                findings=pooled(150),
                verdict=rng.choice(Verdict.values),
                access=Access.CONFIDENTIAL if n % 7 == 0 else Access.PUBLIC,
                status=rng.choice(statuses),
                is_example=True,
            )
            for n in range(1, missing + 1)
        ),
        batch_size=1000,
    )
    elements_by_type = _ids_by_type(EffectiveElement.types.through, "effectiveelement_id")
    lessons_by_type = _ids_by_type(LessonLearned.types.through, "lessonlearned_id")
    links = {"types": [], "interventions": [], "elements": [], "lessons": [], "towns": []}
    for n, evaluation in enumerate(new):
        kind = types[n % len(types)]
        links["types"].append((evaluation.pk, kind.pk))
        for pk in rng.sample(interventions_by_type[kind.pk], k=rng.randrange(1, 3)):
            links["interventions"].append((evaluation.pk, pk))
        for pk in _sample(elements_by_type[kind.pk], rng.randrange(0, 4)):
            links["elements"].append((evaluation.pk, pk))
        for pk in _sample(lessons_by_type[kind.pk], rng.randrange(0, 3)):
            links["lessons"].append((evaluation.pk, pk))
        for pk in _sample(municipalities, rng.randrange(0, 3)):
            links["towns"].append((evaluation.pk, pk))
    through = Evaluation._meta.get_field
    copy_rows(
        through("types").remote_field.through,
        ["evaluation_id", "interventiontype_id"],
        links["types"],
    )
    copy_rows(
        through("interventions").remote_field.through,
        ["evaluation_id", "intervention_id"],
        links["interventions"],
    )
    copy_rows(
        through("effective_elements").remote_field.through,
        ["evaluation_id", "effectiveelement_id"],
        links["elements"],
    )
    copy_rows(
        through("lessons").remote_field.through,
        ["evaluation_id", "lessonlearned_id"],
        links["lessons"],
    )
    copy_rows(
        through("municipalities").remote_field.through,
        ["evaluation_id", "municipality_id"],
        links["towns"],
    )


def _ids_by_type(through, column) -> dict:
    result: dict = {}
    for pk, type_id in through.objects.values_list(column, "interventiontype_id"):
        result.setdefault(type_id, []).append(pk)
    return result


def _sample(population, k):
    return rng.sample(population, k=min(k, len(population)))


def _add_plans(types, interventions_by_type, municipalities) -> None:
    missing = _top_up(PlanOfApproach, config.SCALE["plans"])
    checklist = Checklist.objects.plan_of_approach()
    editors = dict(
        User.objects.filter(role=Role.EDITOR).values_list("municipality_id", "pk").distinct()
    )
    now = timezone.now()
    plans = []
    for n in range(missing):
        kind = types[n % len(types)]
        municipality_id = municipalities[n % len(municipalities)]
        definitive = n % 3 == 0
        plans.append(
            PlanOfApproach(
                municipality_id=municipality_id,
                checklist=checklist,
                title=f"Plan {n:05d}: {pooled(3)}",
                intervention_type=kind,
                intervention_id=rng.choice(interventions_by_type[kind.pk]),
                start_date=datetime.date(2024 + n % 4, 1, 1),
                end_date=datetime.date(2024 + n % 4, 12, 31),
                status=PlanStatus.DEFINITIVE if definitive else PlanStatus.CONCEPT,
                finalised_at=now if definitive else None,
                is_archived=n % 10 == 9,
                shared_with_ess=n % 4 == 0,
                created_by_id=editors.get(municipality_id),
                updated_by_id=editors.get(municipality_id),
            )
        )
    created = PlanOfApproach.objects.bulk_create(plans, batch_size=2000)
    _link_versions(created, len(municipalities))
    elements_by_type = _ids_by_type(EffectiveElement.types.through, "effectiveelement_id")
    items = plan_items()
    by_type: dict = {}
    for plan in created:
        by_type.setdefault(plan.intervention_type_id, []).append(plan.pk)
    for type_id, plan_ids in by_type.items():
        fill_plans(plan_ids, items, elements=elements_by_type.get(type_id, []))


def _link_versions(plans, step: int) -> None:
    """Some definitief plans have a newer version (what `current()` filters out). Plans
    `step` apart belong to the same municipality."""
    pairs = [
        (older.pk, newer.pk)
        for older, newer in zip(plans[0::18], plans[step::18], strict=False)
        if older.status == PlanStatus.DEFINITIVE and older.municipality_id == newer.municipality_id
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {PlanOfApproach._meta.db_table} "  # noqa: S608 - a model's own table name
            "SET previous_version_id = %s, version = 2 WHERE id = %s",
            pairs,
        )
