from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluaties en bewijskracht")

    def ready(self):
        from ebw_portal.accounts.models import Municipality
        from ebw_portal.accounts.roles import ensure_curator_group
        from ebw_portal.common import content_version
        from evaluations import search
        from evaluations.models import Evaluation

        search.register()
        # The public evidence pages show evaluations and the municipalities that ran them.
        content_version.track(Evaluation, Municipality)

        # After every migrate (and every test-database flush) the curator group is whole.
        post_migrate.connect(ensure_curator_group, sender=self, dispatch_uid="curator_group")
