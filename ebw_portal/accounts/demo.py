"""Demo municipalities and accounts for `make run` (idempotent).

Passwords are set only when an account is first made, so a password changed later stays.
"""

from ebw_portal.accounts.models import Municipality, Role, User

MUNICIPALITIES = [("Delft", "GM0503"), ("Utrecht", "GM0344")]

# (username, password, first name, municipality, role, description)
ACCOUNTS = [
    ("delft-redacteur", "Delft-redacteur-2026", "Anouk", "Delft", Role.EDITOR),
    ("delft-lezer", "Delft-lezer-2026!", "Dirk", "Delft", Role.READER),
    ("utrecht-redacteur", "Utrecht-redacteur-2026", "Bram", "Utrecht", Role.EDITOR),
    ("utrecht-lezer", "Utrecht-lezer-2026!", "Lotte", "Utrecht", Role.READER),
]


def create_demo():
    municipalities = {}
    for name, code in MUNICIPALITIES:
        municipalities[name], _ = Municipality.objects.get_or_create(
            cbs_code=code, defaults={"name": name}
        )
    logins = []
    for username, password, first_name, municipality, role in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": f"({municipality})",
                "email": f"{username}@example.nl",
                "municipality": municipalities[municipality],
                "role": role,
                "is_staff": False,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        logins.append((username, password, f"{role.label}, gemeente {municipality}"))
    return logins
