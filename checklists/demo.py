"""Demo plans for `make run`: per municipality a finished (definitief) and a half-finished
plan, with answers written as a municipal team would. The finished plan has a complete
evaluation plan (no readiness warnings); the half-finished one a partial evaluation plan,
so a demo user sees which warnings the builder gives. Idempotent: a plan that exists
(same municipality and title) is left as it is. Runs after ebw_portal.accounts.demo and
the fixtures (catalogue and checklist); without the catalogue it makes no plans."""

import datetime
from decimal import Decimal

from checklists.evaluation_plan import services as evaluation_services
from checklists.models import AnswerKind, Checklist, ChecklistKind, PlanOfApproach
from checklists.models.evaluation_plan import (
    EvaluationMethod,
    EvaluationMoment,
    Performer,
    Respondent,
)
from checklists.wizard import services
from checklists.wizard.progress import sections_of
from ebw_portal.accounts.models import User
from interventions.models import EffectiveElement, Intervention, InterventionType

# Answers per checklist item slug; {place}, {group} and {what} are filled in per plan.
ANSWERS = {
    "maatschappelijk-vraagstuk": (
        "Jongerenwerkers en scholen in {place} zien dat {group} online in aanraking komen met "
        "extremistische boodschappen en zich steeds vaker buitengesloten voelen. Ouders geven "
        "aan dat zij niet weten hoe zij daarover het gesprek moeten voeren."
    ),
    "visie": (
        "De gemeente wil de weerbaarheid van {group} en hun omgeving versterken, vroeg en "
        "zonder te stigmatiseren. Dat doen we met {what}, samen met partners die in de wijk "
        "vertrouwd zijn."
    ),
    "kennisbronnen": (
        "Het rapport ‘Wat werkt bij preventie van radicalisering?’ (Omlo & Fermin, 2021), de "
        "werkzame elementen in dit portaal en de ervaringen van buurgemeenten."
    ),
    "hoofddoel": (
        "{group} in {place} zijn weerbaarder tegen extremistische invloeden en weten bij wie "
        "zij met vragen en zorgen terechtkunnen."
    ),
    "doelen-haalbaar": "deels",
    "doelgroep": (
        "{group} in {place}; naar schatting zo'n 300 personen, van wie we er in de eerste twee "
        "jaar 80 willen bereiken."
    ),
    "preventieniveau": "Groepen met een verhoogd risico",
    "werving": (
        "Via sleutelfiguren die de doelgroep al kennen: de buurtschool, het jongerenwerk en een "
        "moskeevereniging. De bijeenkomsten zijn in het buurthuis, waar men al komt."
    ),
    "inhoud": (
        "{what}: acht bijeenkomsten van twee uur in kleine groepen, met een vaste trainer. "
        "Deelnemers brengen zelf onderwerpen in; radicalisering komt pas aan bod nadat "
        "algemene vragen zijn besproken."
    ),
    "aantal-deelnemers": Decimal("80"),
    "uitvoerder": "Stichting Welzijn {place} met twee gecertificeerde trainers",
    "contactpersoon-gemeente": "Beleidsadviseur sociale stabiliteit, team Veiligheid",
    "sleutelfiguren": (
        "Twee leerkrachten, een jongerenwerker en een voorzitter van een migrantenorganisatie; "
        "zij helpen bij werving en vangen signalen op."
    ),
    "bestuurlijk-draagvlak": (
        "De burgemeester is portefeuillehouder. Het college krijgt twee keer per jaar een "
        "voortgangsnotitie; de raad hoort de uitkomsten van de procesevaluatie."
    ),
    "eerste-verantwoording": datetime.date(2027, 6, 15),
    "maatschappelijk-draagvlak": (
        "Partners hebben meegedacht over de opzet in twee werksessies. Met de "
        "migrantenorganisaties is afgesproken dat zij de werving mede dragen."
    ),
    "partners-in-ontwerp": "ja",
    "afspraken": (
        "Een samenwerkingsovereenkomst legt doel, rollen en verwachtingen vast. Elk kwartaal is "
        "er een stuurgroepoverleg."
    ),
    "signalen-melden": (
        "Signalen gaan via de trainer naar de contactpersoon van de gemeente, die ze in het "
        "casusoverleg inbrengt. De melder hoort binnen twee weken wat er met het signaal is "
        "gedaan."
    ),
    "informatiedeling-vastgelegd": "ja",
    "overleg": "Elk kwartaal, en zo nodig vaker",
    "lokale-vormen-extremisme": (
        "Vooral online verspreide jihadistische en rechts-extremistische boodschappen; de "
        "omvang is beperkt, maar signalen nemen toe."
    ),
    "stigmatisering-voorkomen": (
        "In de werving spreken we over opvoeden en opgroeien, niet over radicalisering. De "
        "groepen zijn gemengd en de communicatie is met de partners afgestemd."
    ),
    "veilige-setting": (
        "Kleine groepen van hoogstens twaalf deelnemers, vaste trainers, duidelijke afspraken "
        "over vertrouwelijkheid en over de follow-up."
    ),
    "groepsgrootte": Decimal("12"),
    "wat-evalueren": (
        "Uitvoering en bereik (procesevaluatie) en daarna wat er veranderd is (effectevaluatie)."
    ),
    "wanneer-evalueren": (
        "Nulmeting bij de start; procesevaluatie na één jaar; effectevaluatie aan het eind "
        "van het tweede jaar."
    ),
    "hoe-evalueren": (
        "De procesevaluatie doen we zelf met de uitvoerder; de effectevaluatie laten we "
        "uitvoeren door een extern bureau."
    ),
    "nulmeting": "ja",
    "afspraken-uitvoerder": "ja",
    "cultuursensitief": "We betrekken een onderzoeker die de talen van de doelgroep spreekt.",
    "financiering": (
        "De eerste twee jaar uit de Versterkingsgelden; daarna opnemen in de begroting "
        "sociaal domein als de procesevaluatie positief is."
    ),
    "onderbouwing-inzet": (
        "De interventie versterkt {group}; ook andere wijken met vergelijkbare signalen kunnen "
        "later meedoen."
    ),
    "plaats-in-aanpak": "Onderdeel van het lokale actieplan sociale stabiliteit 2026–2029.",
    "lokale-inbedding": (
        "We leiden vier lokale trainers op, zodat de aanpak niet van één persoon afhangt."
    ),
    "besluit-voortzetting": datetime.date(2028, 9, 1),
}

SUB_GOALS = [
    (
        "Deelnemers bereiken",
        "aantal deelnemers dat minstens zes bijeenkomsten bijwoont",
        "80",
        2028,
    ),
    (
        "Deelnemers weten waar ze terechtkunnen",
        "aandeel deelnemers dat een hulpadres kan noemen",
        "75%",
        2028,
    ),
]
STAKEHOLDERS = [
    ("Stichting Welzijn", "organisatie", "uitvoerder", "Werving, bijeenkomsten en registratie."),
    (
        "Team Veiligheid, gemeente",
        "organisatie",
        "opdrachtgever",
        "Regie, financiering en verantwoording.",
    ),
    (
        "Buurtschool De Horizon",
        "organisatie",
        "sleutelfiguur",
        "Helpt ouders en jongeren te bereiken.",
    ),
]

PLANS = [
    # (municipality, title, type slug, intervention slug, place, group, finished,
    #  the respondent that stands for the target group in the evaluations)
    (
        "Delft",
        "Weerbaar Opvoeden in Buitenhof",
        "opvoedondersteuning",
        "weerbaar-opvoeden",
        "Buitenhof",
        "ouders van tieners",
        True,
        Respondent.PARENTS,
    ),
    (
        "Delft",
        "Sleutelfigurennetwerk Delft",
        "deskundigheidsbevordering",
        "sleutelfigurennetwerk",
        "Delft",
        "sleutelfiguren en eerstelijnsprofessionals",
        False,
        Respondent.KEY_FIGURES,
    ),
    (
        "Utrecht",
        "Weerbaarheidstraining vmbo Overvecht",
        "weerbaarheid-jongeren",
        "weerbaarheidstraining-jongeren",
        "Overvecht",
        "vmbo-leerlingen",
        True,
        Respondent.YOUTH,
    ),
    (
        "Utrecht",
        "Familiecontact Utrecht",
        "lotgenotencontact",
        "familiecontact",
        "Utrecht",
        "familieleden van geradicaliseerde jongeren",
        False,
        Respondent.PARTICIPANTS,
    ),
]


def create_demo():
    checklist = Checklist.objects.plan_of_approach()
    if checklist is None or not InterventionType.objects.exists():
        return []
    for municipality, title, type_slug, intervention_slug, place, group, finished, target in PLANS:
        editor = (
            User.objects.filter(municipality__name=municipality, role="redacteur")
            .order_by("pk")
            .first()
        )
        kind = InterventionType.objects.filter(slug=type_slug).first()
        if editor is None or kind is None:
            continue
        if PlanOfApproach.objects.filter(municipality=editor.municipality, title=title).exists():
            continue
        plan = services.create_plan(
            municipality=editor.municipality,
            user=editor,
            title=title,
            intervention_type=kind,
            intervention=Intervention.objects.filter(slug=intervention_slug).first(),
            start_date=datetime.date(2027, 1, 1),
            end_date=datetime.date(2028, 12, 31),
        )
        _fill(plan, editor, {"place": place, "group": group, "what": title}, finished, target)
    return []


# Only free text is worded for the place; choice answers must stay valid choice values.
FREE_TEXT = {AnswerKind.SHORT_TEXT, AnswerKind.LONG_TEXT}


def _fill(plan, editor, words, finished, target):
    sections = sections_of(plan.checklist_id)
    # A half-finished plan has its first half of the sections filled in.
    if not finished:
        sections = sections[: len(sections) // 2]
    for section in sections:
        answers = {
            item: _text(ANSWERS[item.slug], words)
            if item.answer_kind in FREE_TEXT
            else ANSWERS[item.slug]
            for item in section.active_items
            if item.slug in ANSWERS
        }
        plan.refresh_from_db()
        services.save_step(plan, section, editor, answers=answers, expected_revision=plan.revision)
    for order, (description, indicator, target_value, year) in enumerate(SUB_GOALS):
        plan.sub_goals.create(
            description=description,
            # A half-finished plan has not yet decided how it sees its second sub-goal
            # reached, so the builder shows both kinds of sub-goal warning.
            indicator=indicator if finished or order == 0 else "",
            target_value=target_value,
            deadline=datetime.date(year, 12, 1),
            order=order,
        )
    if not finished:
        _partial_evaluation_plan(plan, editor, words)
        return
    # Before make_definitive: a definitief plan no longer accepts changes.
    _complete_evaluation_plan(plan, editor, words, target)
    for order, (name, kind, role, responsibility) in enumerate(STAKEHOLDERS):
        plan.stakeholders.create(
            name=name, kind=kind, role=role, responsibility=responsibility, order=order
        )
    for element in EffectiveElement.objects.filter(types=plan.intervention_type)[:2]:
        services.adopt_element(
            plan, editor, element, "We nemen dit over in de werving en de opzet."
        )
    plan.refresh_from_db()
    services.make_definitive(plan, editor)


def _complete_evaluation_plan(plan, editor, words, target):
    """A process and an effect evaluation that pass every readiness check: the target
    group is asked, the provider agreed to collect data, the effect evaluation has a
    baseline and an indicator per sub-goal, and every moment lies within the plan."""
    process = evaluation_services.add_evaluation(plan, editor, ChecklistKind.PROCESS_EVALUATION)
    _describe(
        process,
        questions=(
            "Bereiken we de {group} die we voor ogen hadden?\n"
            "Worden de bijeenkomsten uitgevoerd zoals bedoeld?\n"
            "Hoe ervaren deelnemers en trainers de bijeenkomsten?"
        ),
        methods=[EvaluationMethod.REGISTRATION_DATA, EvaluationMethod.INTERVIEWS],
        respondents=[target, Respondent.TRAINERS],
        performed_by=Performer.MUNICIPALITY,
        budget=Decimal("6000"),
        words=words,
    )
    _moments(
        process,
        [
            ("Tussentijds gesprek met trainers en deelnemers", datetime.date(2027, 6, 15)),
            ("Rapportage procesevaluatie aan het college", datetime.date(2027, 12, 15)),
        ],
    )
    effect = evaluation_services.add_evaluation(plan, editor, ChecklistKind.EFFECT_EVALUATION)
    _describe(
        effect,
        questions=(
            "Weten deelnemers na afloop beter bij wie zij terechtkunnen met zorgen?\n"
            "Voelen {group} zich weerbaarder dan vóór de start?"
        ),
        methods=[EvaluationMethod.PRE_POST, EvaluationMethod.QUESTIONNAIRE],
        respondents=[target],
        performed_by=Performer.EXTERNAL,
        budget=Decimal("18000"),
        words=words,
    )
    _moments(
        effect,
        [
            ("Nulmeting bij de eerste bijeenkomst", datetime.date(2027, 1, 15)),
            ("Nameting en eindrapport", datetime.date(2028, 11, 15)),
        ],
    )
    # As a team would: each sub-goal's indicator from the wizard is measured by the
    # effect evaluation (the readiness warning's one-click action), then given its
    # instrument.
    goals = list(plan.sub_goals.order_by("order"))
    instruments = ["presentielijsten van de uitvoerder", "vragenlijst voor- en nameting"]
    for goal, instrument in zip(goals, instruments, strict=True):
        indicator, _created = evaluation_services.measure_sub_goal(plan, editor, goal)
        indicator.instrument = instrument
        indicator.save(update_fields=["instrument"])


def _partial_evaluation_plan(plan, editor, words):
    """A process evaluation that is only begun: trainers are asked but not the target
    group, nothing is agreed with the provider and no evaluation measures the sub-goals
    (the first has its indicator written, the second not yet), so the builder shows what
    is still missing."""
    process = evaluation_services.add_evaluation(plan, editor, ChecklistKind.PROCESS_EVALUATION)
    process.questions = _text("Bereiken we de {group} die we voor ogen hadden?", words)
    process.methods = [EvaluationMethod.INTERVIEWS]
    process.respondents = [Respondent.TRAINERS]
    process.save()
    _moments(process, [("Gesprek met de trainers", datetime.date(2027, 9, 1))])


def _describe(evaluation, *, questions, methods, respondents, performed_by, budget, words):
    evaluation.questions = _text(questions, words)
    evaluation.methods = methods
    evaluation.respondents = respondents
    evaluation.performed_by = performed_by
    evaluation.baseline_from_start = True
    evaluation.provider_agreement = True
    evaluation.provider_agreement_note = (
        "De uitvoerder houdt per bijeenkomst een presentielijst bij en deelt die elk kwartaal; "
        "deelnemers vullen bij de eerste en de laatste bijeenkomst een korte vragenlijst in."
    )
    evaluation.budget = budget
    evaluation.culture_sensitive = True
    evaluation.culture_note = (
        "De interviews doet een onderzoeker die de talen van de doelgroep spreekt; de "
        "vragenlijst is vertaald en met twee sleutelfiguren getest."
    )
    evaluation.full_clean()
    evaluation.save()


def _moments(evaluation, moments):
    EvaluationMoment.objects.bulk_create(
        EvaluationMoment(evaluation=evaluation, label=label, date=date) for label, date in moments
    )


def _text(value, words):
    if not isinstance(value, str):
        return value
    text = value.format(**words)
    return text[0].upper() + text[1:]
