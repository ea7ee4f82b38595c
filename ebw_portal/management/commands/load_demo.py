"""Load the demo content: every fixture in fixtures/ (in file-name order), then each
app's `demo.create_demo()` for data that is better made in code (users, plans).

Idempotent: fixtures use natural keys and the demo functions use get_or_create, so a
second `make run` keeps whatever was changed in between.

`--zonder-voorbeelden` loads only real content: every fixture object marked
`is_example` (a fictional example) is left out, and so are the demo accounts and demo
plans. That is the load for a production database, so it needs no DEBUG.

Loading a fixture never deletes: content that was corrected away (a source under its
old citation, an evaluation that proved not to exist) is listed in RETIRED and removed.
"""

import contextlib
import json
import tempfile
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_MODULES = ["ebw_portal.accounts.demo", "evaluations.demo", "checklists.demo"]

#: Content removed from the fixtures because it was wrong; (model label, natural key).
RETIRED = [
    # "Projectverslag Weerbaar Opvoeden 2019": no such report could be found (docs/content.md).
    ("evaluations.Evaluation", "stimulance-weerbaar-opvoeden-2019"),
    # Sources under their old citations (the citation is the natural key).
    (
        "interventions.Source",
        "Omlo & Fermin (2021). Wat werkt bij preventie van radicalisering? "
        "Onderzoek door Bureau Omlo en Fermin Onderzoek en Advies in opdracht van de "
        "Expertise-unit Sociale Stabiliteit (ministerie van SZW), met betrokkenheid van de NCTV.",
    ),
    (
        "interventions.Source",
        "Regioplan. Evaluatie van het project Familiecontact voor "
        "familieleden van geradicaliseerde jongeren.",
    ),
    (
        "interventions.Source",
        "Gemeente Rotterdam (2019). Realist evaluation van het "
        "preventiebeleid radicalisering, toegelicht in het ESS-nieuwsbericht 'Zicht op "
        "effectiviteit preventiebeleid radicalisering' (januari 2019).",
    ),
    (
        "interventions.Source",
        "RAND Europe (2022). Evaluatie van de landelijke "
        "Versterkingsgelden, in opdracht van het WODC (nieuwsbericht NCTV, 20 december 2022).",
    ),
    ("interventions.Source", "Stimulance (2019). Projectverslag Weerbaar Opvoeden 2019."),
    (
        "interventions.Source",
        "Nederlands Jeugdinstituut (NJi). Informatie over beschermende "
        "factoren tegen radicalisering.",
    ),
    (
        "interventions.Source",
        "Richtlijnen Jeugdhulp: aanbevelingen voor de begeleiding van "
        "jongeren bij (signalen van) radicalisering.",
    ),
    (
        "interventions.Source",
        "Expertise-unit Sociale Stabiliteit (ESS). Toolkit Evidence Based "
        "Werken bij de preventie van radicalisering, pagina 'Geleerde lessen andere interventies'.",
    ),
    (
        "interventions.Source",
        "Expertise-unit Sociale Stabiliteit (ESS). Nieuwsbericht "
        "'Preventie van radicalisering? Ontdek wat werkt!' over het rapport 'Wat werkt bij "
        "preventie van radicalisering?'.",
    ),
    (
        "interventions.Source",
        "Expertise-unit Sociale Stabiliteit (ESS). Artikel 'Evidence Based "
        "Werken: zo geven we nog meer invulling aan preventie van radicalisering' (over de "
        "Toolkit EBW en de klankbordgroep).",
    ),
]


def retire_outdated_content():
    for label, key in RETIRED:
        model = apps.get_model(label)
        with contextlib.suppress(model.DoesNotExist):
            model.objects.get_by_natural_key(key).delete()


def without_examples(path: Path) -> str:
    """A copy of the fixture without fictional examples; returns the copy's path."""
    objects = json.loads(path.read_text(encoding="utf-8"))
    real = [o for o in objects if not o["fields"].get("is_example")]
    copy = tempfile.NamedTemporaryFile(  # noqa: SIM115 - removed by the caller
        "w", suffix=".json", prefix=path.stem + "-", delete=False, encoding="utf-8"
    )
    with copy:
        json.dump(real, copy, ensure_ascii=False)
    return copy.name


class Command(BaseCommand):
    help = "Laadt de demo-inhoud en demo-accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Ook laden als DEBUG uit staat (alleen voor de benchmark, nooit in productie).",
        )
        parser.add_argument(
            "--zonder-voorbeelden",
            action="store_true",
            dest="without_examples",
            help=(
                "Alleen echte inhoud: geen fictieve voorbeelden (is_example), geen "
                "demo-accounts en geen demo-plannen. Bedoeld voor productie."
            ),
        )

    def handle(self, *args, **options):
        # The demo accounts have published passwords: never in a production database.
        without_examples_only = options["without_examples"]
        if not settings.DEBUG and not options["allow_without_debug"] and not without_examples_only:
            raise CommandError(
                "DEBUG staat uit: demo-accounts met openbare wachtwoorden horen niet in "
                "productie. Gebruik --allow-without-debug alleen voor een testomgeving."
            )
        fixtures = sorted((Path(settings.BASE_DIR) / "fixtures").glob("[0-9][0-9]_*.json"))
        with transaction.atomic():
            for fixture in fixtures:
                if without_examples_only:
                    copy = without_examples(fixture)
                    try:
                        call_command("loaddata", copy, verbosity=0)
                    finally:
                        Path(copy).unlink()
                else:
                    call_command("loaddata", str(fixture), verbosity=0)
            retire_outdated_content()
            logins = []
            for name in [] if without_examples_only else DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                logins.extend(module.create_demo() or [])
        self.stdout.write(self.style.SUCCESS(f"Demo-inhoud geladen ({len(fixtures)} fixtures)."))
        if logins:
            self.stdout.write("Demo-accounts (gebruikersnaam / wachtwoord / rol):")
            for username, password, description in logins:
                self.stdout.write(f"  {username:<20} {password:<22} {description}")
