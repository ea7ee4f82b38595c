from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from ebw_portal.accounts.models import Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code"]
    search_fields = ["name", "cbs_code"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "municipality", "role", "is_staff"]
    list_filter = ["role", "municipality", "is_staff", "is_active"]
    list_select_related = ["municipality"]
    search_fields = ["username", "first_name", "last_name", "email", "municipality__name"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (
            _("Gemeente en rol"),
            {
                "fields": ["municipality", "role"],
                "description": _(
                    "Redacteuren en lezers horen bij een gemeente en hebben geen toegang tot "
                    "het beheer (‘medewerker’ uit). ESS-medewerkers horen bij geen gemeente."
                ),
            },
        ),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Gemeente en rol"),
            {"fields": ["email", "first_name", "last_name", "municipality", "role"]},
        ),
    ]
