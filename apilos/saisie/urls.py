from django.urls import path

from .views import files, imports, recap, rows, simulateur, start, steps

app_name = "saisie"
urlpatterns = [
    path("nouvelle/", start.start, name="start"),
    path("nouvelle/operation/", start.create_operation, name="create_operation"),
    path("nouvelle/copie/", start.create_copy, name="create_copy"),
    path("nouvelle/signee/", start.create_signed, name="create_signed"),
    path("simulateur-loyers/", simulateur.simulateur, name="simulateur"),
    path("modeles/<slug:grid_name>.xlsx", imports.template, name="template"),
    path("<uuid:uuid>/recapitulatif/", recap.recap, name="recap"),
    path("<uuid:uuid>/verification/", recap.report_page, name="report"),
    path("<uuid:uuid>/envoi/", recap.submit, name="submit"),
    path("<uuid:uuid>/etapes/<slug:slug>/", steps.step_page, name="step"),
    path(
        "<uuid:uuid>/etapes/<slug:slug>/pieces/<slug:champ>/",
        files.piece_upload,
        name="piece_upload",
    ),
    path("<uuid:uuid>/pieces/<uuid:piece_uuid>/", files.piece_download, name="piece_download"),
    path("<uuid:uuid>/pieces/<uuid:piece_uuid>/retirer/", files.piece_delete, name="piece_delete"),
    path("<uuid:uuid>/tableaux/<slug:grid_name>/lignes/nouvelle/", rows.row_new, name="row_new"),
    path(
        "<uuid:uuid>/tableaux/<slug:grid_name>/lignes/<uuid:row_uuid>/",
        rows.row_save,
        name="row",
    ),
    path(
        "<uuid:uuid>/tableaux/<slug:grid_name>/lignes/<uuid:row_uuid>/dupliquer/",
        rows.row_duplicate_view,
        name="row_duplicate",
    ),
    path(
        "<uuid:uuid>/tableaux/<slug:grid_name>/lignes/<uuid:row_uuid>/supprimer/",
        rows.row_delete,
        name="row_delete",
    ),
    path(
        "<uuid:uuid>/tableaux/<slug:grid_name>/export.xlsx",
        imports.table_export,
        name="table_export",
    ),
    path(
        "<uuid:uuid>/tableaux/<slug:grid_name>/import/",
        imports.import_upload,
        name="import_upload",
    ),
    path("<uuid:uuid>/imports/<uuid:job_uuid>/", imports.import_job, name="import_job"),
    path(
        "<uuid:uuid>/imports/<uuid:job_uuid>/confirmer/",
        imports.import_confirm_view,
        name="import_confirm",
    ),
    path(
        "<uuid:uuid>/imports/<uuid:job_uuid>/annuler/",
        imports.import_cancel_view,
        name="import_cancel",
    ),
]
