from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from ebw_portal.common.curation import CuratorImportExportMixin
from evaluations import services
from evaluations.models import Evaluation
from evaluations.resources import EvaluationResource


@admin.register(Evaluation)
class EvaluationAdmin(CuratorImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [EvaluationResource]
    list_display = ["title", "year", "kind", "design", "access", "status", "is_example"]
    list_filter = ["status", "kind", "design", "access", "year", "is_example", "types"]
    search_fields = ["title", "slug", "evaluator", "authors", "commissioner", "findings"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = [
        "types",
        "interventions",
        "municipalities",
        "effective_elements",
        "lessons",
    ]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "year", "status", "access", "is_example"]}),
        (_("Wie"), {"fields": ["evaluator", "authors", "commissioner", "municipalities"]}),
        (_("Wat is geëvalueerd"), {"fields": ["types", "interventions"]}),
        (
            _("Opzet"),
            {"fields": ["kind", "design", "methods", "respondents", "participants"]},
        ),
        (_("Uitkomsten"), {"fields": ["findings", "verdict", "source_url", "report"]}),
        (_("Onderbouwt"), {"fields": ["effective_elements", "lessons"]}),
        (_("Registratie"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        refused = services.unsourced(queryset)
        count = services.publish(queryset)
        if refused:
            self.message_user(
                request,
                _("Niet gepubliceerd, want er is geen bron (webadres of rapport): %(titles)s.")
                % {"titles": "; ".join(e.title for e in refused)},
                messages.ERROR,
            )
        self.message_user(
            request,
            ngettext(
                "%(count)d evaluatie gepubliceerd.",
                "%(count)d evaluaties gepubliceerd.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Intrekken"), permissions=["change"])
    def withdraw(self, request, queryset):
        count = services.withdraw(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d evaluatie ingetrokken.",
                "%(count)d evaluaties ingetrokken.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
