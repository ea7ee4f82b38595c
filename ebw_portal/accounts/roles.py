"""The ESS curator role: one group with exactly the permissions curators need.

Curators are ESS staff (role "ess", is_staff=True) in the group "ESS-curatoren". They
maintain the catalogue, the evaluations and the checklist definitions, and import and
export them. Municipal users (redacteur, lezer) are never staff, so the admin refuses
them at its login.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

CURATOR_GROUP = "ESS-curatoren"

#: Models curators maintain, as "app_label.modelname". Other apps append theirs here.
CURATOR_MODELS = [
    "interventions.interventiontype",
    "interventions.intervention",
    "interventions.effectiveelement",
    "interventions.lessonlearned",
    "interventions.source",
    "evaluations.evaluation",
    # The toolkit's checklists (plan van aanpak and the three evaluation checklists),
    # the evaluation plan's indicator library and the programmascan's questions.
    "checklists.checklist",
    "checklists.checklistsection",
    "checklists.checklistitem",
    "checklists.indicatorsuggestion",
    "checklists.scanquestion",
]

#: django-import-export asks for "<app>.import_<model>" / "<app>.export_<model>".
CURATOR_ACTIONS = ("view", "add", "change", "delete", "import", "export")

_ACTION_NAMES = {
    "view": "Can view",
    "add": "Can add",
    "change": "Can change",
    "delete": "Can delete",
    "import": "Can import",
    "export": "Can export",
}


def curator_permissions() -> list[Permission]:
    """Every permission of the role, created when missing.

    Creating them here (not only through each model's Meta) means the role does not
    depend on the order in which apps migrate, and catalogue models get import/export
    permissions without touching their Meta.
    """
    permissions = []
    for label in CURATOR_MODELS:
        model = apps.get_model(label)
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        for action in CURATOR_ACTIONS:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model._meta.model_name}",
                defaults={"name": f"{_ACTION_NAMES[action]} {model._meta.verbose_name_raw}"},
            )
            permissions.append(permission)
    return permissions


def ensure_curator_group(**kwargs) -> Group:
    """Create or repair the curator group; safe to call again (post_migrate does)."""
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    group.permissions.set(curator_permissions())
    return group


def make_curator(user) -> None:
    """Turn an ESS staff account into a curator."""
    from ebw_portal.accounts.models import Role

    user.role = Role.ESS
    user.municipality = None
    user.is_staff = True
    user.save(update_fields=["role", "municipality", "is_staff"])
    user.groups.add(ensure_curator_group())
