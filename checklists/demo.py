"""Demo plans for `make run`: per municipality a finished (definitief) and a half-finished
plan, with answers written as a municipal team would. Idempotent: a plan that exists
(same municipality and title) is left as it is. Runs after ebw_portal.accounts.demo and
the fixtures (catalogue and checklist); without the catalogue it makes no plans."""

import datetime
from decimal import Decimal

from checklists import services
from checklists.models import AnswerKind, Checklist, PlanOfApproach
from checklists.progress import sections_of
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
        "Eerst de opzet (planevaluatie), daarna uitvoering en bereik (procesevaluatie)."
    ),
    "wanneer-evalueren": "Planevaluatie vóór de start; procesevaluatie na één jaar.",
    "hoe-evalueren": (
        "De planevaluatie doen we zelf met een collega van een andere afdeling; de "
        "procesevaluatie laten we uitvoeren door een extern bureau."
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
    # (municipality, title, type slug, intervention slug, place, group, finished)
    (
        "Delft",
        "Weerbaar Opvoeden in Buitenhof",
        "opvoedondersteuning",
        "weerbaar-opvoeden",
        "Buitenhof",
        "ouders van tieners",
        True,
    ),
    (
        "Delft",
        "Sleutelfigurennetwerk Delft",
        "deskundigheidsbevordering",
        "sleutelfigurennetwerk",
        "Delft",
        "sleutelfiguren en eerstelijnsprofessionals",
        False,
    ),
    (
        "Utrecht",
        "Weerbaarheidstraining vmbo Overvecht",
        "weerbaarheid-jongeren",
        "weerbaarheidstraining-jongeren",
        "Overvecht",
        "vmbo-leerlingen",
        True,
    ),
    (
        "Utrecht",
        "Familiecontact Utrecht",
        "lotgenotencontact",
        "familiecontact",
        "Utrecht",
        "familieleden van geradicaliseerde jongeren",
        False,
    ),
]


def create_demo():
    checklist = Checklist.objects.plan_of_approach()
    if checklist is None or not InterventionType.objects.exists():
        return []
    for municipality, title, type_slug, intervention_slug, place, group, finished in PLANS:
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
        _fill(plan, editor, {"place": place, "group": group, "what": title}, finished)
    return []


# Only free text is worded for the place; choice answers must stay valid choice values.
FREE_TEXT = {AnswerKind.SHORT_TEXT, AnswerKind.LONG_TEXT}


def _fill(plan, editor, words, finished):
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
    for order, (description, indicator, target, year) in enumerate(SUB_GOALS):
        plan.sub_goals.create(
            description=description,
            indicator=indicator,
            target_value=target,
            deadline=datetime.date(year, 12, 1),
            order=order,
        )
    if finished:
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


def _text(value, words):
    if not isinstance(value, str):
        return value
    text = value.format(**words)
    return text[0].upper() + text[1:]
