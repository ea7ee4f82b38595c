from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = _("Checklists en plannen van aanpak")

    def ready(self):
        from checklists.models import Checklist, ChecklistItem, ChecklistSection
        from checklists.models.evaluation_plan import IndicatorSuggestion
        from checklists.models.programme_scan import ScanQuestion
        from ebw_portal.common import content_version

        # The checklists' questions are curated content, like the catalogue: the wizard
        # keeps their structure per process under the public content version.
        content_version.track(
            Checklist, ChecklistSection, ChecklistItem, IndicatorSuggestion, ScanQuestion
        )
