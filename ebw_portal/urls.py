from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from ebw_portal import views
from ebw_portal.accounts.forms import AdminLoginForm

admin.site.site_header = "EBW portal — beheer"
admin.site.site_title = "EBW portal"
admin.site.index_title = "Beheer van de kennisbank"
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("zoeken/", views.search, name="search"),
    path("taal/<str:code>/", views.switch_language, name="switch_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("account/", include("ebw_portal.accounts.urls")),
    path("wat-werkt/", include("interventions.urls")),
    path("bewijs/", include("evaluations.urls")),
    path("plannen/", include("checklists.urls")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
