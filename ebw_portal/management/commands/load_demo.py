"""Load the demo content: every fixture in fixtures/ (in file-name order), then each
app's `demo.create_demo()` for data that is better made in code (users, plans).

Idempotent: fixtures use natural keys and the demo functions use get_or_create, so a
second `make run` keeps whatever was changed in between.
"""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_MODULES = ["ebw_portal.accounts.demo", "evaluations.demo", "checklists.demo"]


class Command(BaseCommand):
    help = "Laadt de demo-inhoud en demo-accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Ook laden als DEBUG uit staat (alleen voor de benchmark, nooit in productie).",
        )

    def handle(self, *args, **options):
        # The demo accounts have published passwords: never in a production database.
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "DEBUG staat uit: demo-accounts met openbare wachtwoorden horen niet in "
                "productie. Gebruik --allow-without-debug alleen voor een testomgeving."
            )
        fixtures = sorted((Path(settings.BASE_DIR) / "fixtures").glob("[0-9][0-9]_*.json"))
        with transaction.atomic():
            for fixture in fixtures:
                call_command("loaddata", str(fixture), verbosity=0)
            logins = []
            for name in DEMO_MODULES:
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
