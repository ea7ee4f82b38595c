from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Catalogus: wat werkt")

    def ready(self):
        from ebw_portal.common import content_version
        from interventions.models import (
            EffectiveElement,
            Intervention,
            InterventionType,
            LessonLearned,
            Source,
        )

        # Everything the public catalogue pages show (see ebw_portal/page_cache.py).
        content_version.track(
            InterventionType, Intervention, EffectiveElement, LessonLearned, Source
        )
