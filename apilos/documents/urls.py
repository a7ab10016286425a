from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("conventions/<uuid:uuid>/documents/", views.documents_page, name="liste"),
    path("conventions/<uuid:uuid>/documents/apercu.pdf", views.apercu, name="apercu"),
    path(
        "conventions/<uuid:uuid>/documents/apercu/preparer/",
        views.apercu_preparer,
        name="apercu_preparer",
    ),
    path("conventions/<uuid:uuid>/documents/document-final.pdf", views.final, name="final"),
    path("conventions/<uuid:uuid>/documents/copie-de-travail.docx", views.docx, name="docx"),
    path("conventions/<uuid:uuid>/documents/fiche-caf.pdf", views.fiche_caf, name="fiche_caf"),
    path("documents/<uuid:uuid>/", views.document, name="document"),
    path("documents/<uuid:uuid>/suivi/", views.suivi, name="suivi"),
]
