from django.urls import path

from checklists.pdf import views

app_name = "pdf"

urlpatterns = [
    path("<int:pk>/pdf/", views.plan_pdf_download, name="plan_pdf"),
    path("<int:pk>/pdf/voorbeeld/", views.plan_pdf_preview, name="plan_pdf_preview"),
]
