"""Demo account for curation; the demo evaluations themselves are fixtures/20_evaluations.json."""

from ebw_portal.accounts.models import Role, User
from ebw_portal.accounts.roles import make_curator

CURATOR_USERNAME = "ess-curator"
CURATOR_PASSWORD = "Demo-curator-2026"  # noqa: S105 - a published demo login


def create_demo() -> list[tuple[str, str, str]]:
    """Create (or repair) the demo curator; returns its login for the demo listing."""
    user, created = User.objects.get_or_create(
        username=CURATOR_USERNAME,
        defaults={"first_name": "Esther", "last_name": "Curator (ESS)", "role": Role.ESS},
    )
    if created:
        user.set_password(CURATOR_PASSWORD)
        user.save(update_fields=["password"])
    make_curator(user)
    return [(CURATOR_USERNAME, CURATOR_PASSWORD, "ESS-curator: beheer, import en export")]
