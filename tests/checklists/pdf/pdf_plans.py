"""Plans for the PDF tests: a checklist shaped like the shipped plan-van-aanpak checklist
and a Delft plan that answers it in full, in Dutch (ë, ï, é, €).

Plain functions, not fixtures, so every PDF test module builds exactly what it needs.
"""

import datetime
import io

from pypdf import PdfReader

from checklists.models import (
    AdoptedElement,
    Answer,
    Checklist,
    ChecklistItem,
    ListKind,
    PlanOfApproach,
    PlanStatus,
)
from interventions.models import EffectiveElement, InterventionType
from tests.factories import (
    ChecklistFactory,
    ChecklistItemFactory,
    ChecklistSectionFactory,
    EvaluationMomentFactory,
    IndicatorFactory,
    PlannedEvaluationFactory,
    PlanOfApproachFactory,
    StakeholderFactory,
    SubGoalFactory,
)

# (slug, title, themes, list kind, offers elements, [(slug, question, kind, required)])
SECTIONS = [
    (
        "vraagstuk-en-visie",
        "Vraagstuk en visie",
        ["voorbereiding"],
        "",
        False,
        [
            (
                "vraagstuk",
                "Op welk maatschappelijk vraagstuk is de interventie een antwoord?",
                "lang",
                True,
            ),
            ("visie", "Wat wil de gemeente bereiken, en hoe?", "lang", True),
        ],
    ),
    (
        "doelen",
        "Doelen",
        ["voorbereiding"],
        ListKind.SUB_GOALS,
        False,
        [
            ("hoofddoel", "Wat is het hoofddoel van de interventie?", "lang", True),
            ("haalbaar", "Zijn de doelen haalbaar binnen de looptijd?", "janeedeels", True),
        ],
    ),
    (
        "doelgroep-en-interventie",
        "Doelgroep en interventie",
        ["voorbereiding"],
        "",
        True,
        [
            ("doelgroep", "Wie is de doelgroep?", "lang", True),
            ("deelnemers", "Hoeveel deelnemers verwacht u?", "getal", False),
        ],
    ),
    (
        "betrokkenen-en-rollen",
        "Betrokkenen en rollen",
        ["voorbereiding", "samenwerking"],
        ListKind.STAKEHOLDERS,
        False,
        [("uitvoerder", "Wie voert de interventie uit?", "kort", True)],
    ),
    (
        "draagvlak",
        "Draagvlak",
        ["draagvlak"],
        "",
        False,
        [
            ("bestuurlijk", "Hoe is het bestuurlijk draagvlak geregeld?", "lang", True),
            ("verantwoording", "Wanneer legt u voor het eerst verantwoording af?", "datum", False),
        ],
    ),
    (
        "samenwerking-en-informatiedeling",
        "Samenwerking en informatiedeling",
        ["samenwerking"],
        "",
        False,
        [("signalen", "Hoe worden signalen gemeld en teruggekoppeld?", "lang", True)],
    ),
    (
        "stigmatisering-en-veiligheid",
        "Stigmatisering en veiligheid",
        ["stigmatisering", "veiligheid"],
        "",
        False,
        [("veilige-setting", "Hoe zorgt u voor een veilige setting?", "lang", True)],
    ),
    (
        "evaluatie",
        "Evaluatie",
        ["evalueren"],
        "",
        False,
        [
            ("wat-evalueren", "Wat wilt u evalueren, en wanneer?", "lang", True),
            ("nulmeting", "Doet u een nulmeting bij de start?", "janeedeels", True),
        ],
    ),
    (
        "doorontwikkeling-en-borging",
        "Doorontwikkeling en borging",
        ["borging"],
        "",
        False,
        [
            ("financiering", "Hoe is de financiering na de pilot geregeld?", "lang", True),
            ("lokale-trainers", "Leidt u lokale trainers op?", "janeedeels", False),
        ],
    ),
]

LONG_PARAGRAPH = (
    "In de wijken Tanthof en Voorhof zien sleutelfiguren dat ouders zich zorgen maken over "
    "wat hun kinderen online tegenkomen. Ouders weten niet goed hoe zij het gesprek "
    "aangaan, en professionals missen een gedeelde aanpak. De gemeente wil ouders "
    "versterken in hun opvoedrol, zodat zij signalen eerder herkennen en bespreekbaar "
    "maken, vóórdat problemen groter worden. "
)

ANSWERS = {
    "vraagstuk": (LONG_PARAGRAPH * 6).strip()
    + "\n\nDe coördinatie ligt bij het team Sociale Stabiliteit; naïeve aannames over de "
    "doelgroep toetsen wij eerst met sleutelfiguren.",
    "visie": "Wij investeren in weerbare gezinnen: ouders zijn de eerste beschermende "
    "factor. Het budget is € 48.500 per jaar; de coördinator is Zoë de Vries.",
    "hoofddoel": "Ouders in Tanthof en Voorhof voelen zich sterker in het gesprek met hun "
    "kinderen over identiteit, geloof en polarisatie.",
    "haalbaar": "deels",
    "doelgroep": (LONG_PARAGRAPH * 4).strip(),
    "deelnemers": "40",
    "uitvoerder": "Stichting Weerbaar Opvoeden Delft (voorbeeld)",
    "bestuurlijk": "De wethouder Jeugd is bestuurlijk opdrachtgever; het college krijgt "
    "twee keer per jaar een voortgangsrapportage. Café-overleg met de raad in het najaar.",
    "verantwoording": "2027-03-01",
    "signalen": (LONG_PARAGRAPH * 3).strip(),
    "veilige-setting": "Kleine groepen van hoogstens tien ouders, in het buurthuis waar zij "
    "al komen, met een neutrale trainer die niet oordeelt.",
    "wat-evalueren": "Een procesevaluatie na het eerste jaar (bereik, tevredenheid) en een "
    "effectevaluatie door een externe onderzoeker na twee jaar.",
    "nulmeting": "ja",
    "financiering": "Na de pilot zoeken wij structurele dekking in de begroting Jeugd.",
    "lokale-trainers": "ja",
}


def build_checklist() -> Checklist:
    checklist = ChecklistFactory(slug="pdf-test-plan-van-aanpak", title="Checklist plan van aanpak")
    for order, (slug, title, themes, list_kind, offers, items) in enumerate(SECTIONS):
        section = ChecklistSectionFactory(
            checklist=checklist,
            slug=slug,
            title=title,
            themes=themes,
            list_kind=list_kind,
            list_min_rows=1 if list_kind else 0,
            offers_effective_elements=offers,
            order=order * 10,
        )
        for item_order, (item_slug, question, kind, required) in enumerate(items):
            ChecklistItemFactory(
                section=section,
                slug=item_slug,
                question=question,
                answer_kind=kind,
                required=required,
                order=item_order,
            )
    return checklist


def build_plan(
    municipality, checklist, *, answers=None, title=None, sub_goals=2, moments=2
) -> PlanOfApproach:
    """A plan for `municipality`; `answers` maps item slug to stored text (default: all).
    Its evaluation plan has a process and an effect evaluation; the effect evaluation has
    no baseline measurement, so the readiness checks have something to say."""
    intervention_type = InterventionType.objects.get(slug="opvoedondersteuning")
    plan = PlanOfApproachFactory(
        created_by=None,
        municipality=municipality,
        checklist=checklist,
        title=title or "Weerbaar Opvoeden in Tanthof en Voorhof",
        intervention_type=intervention_type,
        intervention=intervention_type.interventions.first(),
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2028, 12, 31),
    )
    answers = ANSWERS if answers is None else answers
    items = {item.slug: item for item in ChecklistItem.objects.filter(section__checklist=checklist)}
    Answer.objects.bulk_create(
        Answer(plan=plan, item=items[slug], value=value) for slug, value in answers.items()
    )
    for n in range(sub_goals):
        SubGoalFactory(
            plan=plan,
            description=f"Subdoel {n + 1}: ouders herkennen signalen van polarisatie eerder",
            indicator="Aandeel ouders dat zich zekerder voelt (vragenlijst vóór en na)",
            target_value="70% van de deelnemers",
            deadline=datetime.date(2027, 12, 1),
            order=n,
        )
    StakeholderFactory(
        plan=plan,
        name="Stichting Weerbaar Opvoeden Delft (voorbeeld)",
        role="Uitvoerder",
        responsibility="Werft ouders via sleutelfiguren en geeft de bijeenkomsten.",
        order=1,
    )
    StakeholderFactory(
        plan=plan,
        name="Zoë de Vries",
        kind="persoon",
        role="Coördinator gemeente",
        responsibility="Bewaakt de afspraken en het budget.",
        order=2,
    )
    for element in EffectiveElement.objects.filter(types=intervention_type).order_by("order")[:3]:
        AdoptedElement.objects.create(
            plan=plan, element=element, note="Wij passen dit toe in beide wijken, café-stijl."
        )
    build_evaluation_plan(plan, moments=moments)
    return plan


def build_evaluation_plan(plan, *, moments=2) -> None:
    process = PlannedEvaluationFactory(
        plan=plan,
        kind="procesevaluatie",
        questions="Bereiken we de ouders die we willen bereiken?\nKomen ouders terug?",
        methods=["vragenlijst", "registratiedata"],
        respondents=["ouders", "trainers"],
        provider_agreement=True,
        provider_agreement_note="De stichting houdt per bijeenkomst een presentielijst bij.",
        budget="4500.00",
    )
    effect = PlannedEvaluationFactory(
        plan=plan,
        kind="effectevaluatie",
        questions="Voelen ouders zich zekerder in het gesprek met hun kinderen?",
        methods=["voor-nameting"],
        respondents=["ouders"],
        provider_agreement=True,
        culture_sensitive=True,
        culture_note="Interviewers die Arabisch en Turks spreken.",
    )
    for goal in plan.sub_goals.all():
        IndicatorFactory(
            evaluation=effect,
            sub_goal=goal,
            name="Zelfvertrouwen van ouders in het opvoedgesprek",
            instrument="vragenlijst vóór en na",
            target="+20%",
        )
    for n in range(moments):
        EvaluationMomentFactory(
            evaluation=process if n % 2 else effect,
            label=f"Meetmoment {n + 1}",
            date=datetime.date(2027, 1, 1) + datetime.timedelta(days=30 * (moments - n)),
        )


def make_definitive(plan) -> PlanOfApproach:
    from django.utils import timezone

    plan.status = PlanStatus.DEFINITIVE
    plan.finalised_at = timezone.now()
    plan.save()
    return plan


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))
