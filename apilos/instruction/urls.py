from django.urls import path

from .views import comments, correction, lists, page, transitions

app_name = "instruction"
urlpatterns = [
    path("instruction/", lists.files, name="files"),
    path("suivi/", lists.suivi_bailleur, name="suivi"),
    path("notifications/", lists.notifications, name="notifications"),
    path("notifications/lues/", lists.notifications_lues, name="notifications_lues"),
    path("conventions/<uuid:uuid>/commentaires/", page.commentaires, name="commentaires"),
    path(
        "conventions/<uuid:uuid>/commentaires/nouveau/",
        comments.commentaire_nouveau,
        name="commentaire_nouveau",
    ),
    path(
        "conventions/<uuid:uuid>/commentaires/etape/",
        comments.commentaire_etape,
        name="commentaire_etape",
    ),
    path("conventions/<uuid:uuid>/echanges/", page.echanges, name="echanges"),
    path("conventions/<uuid:uuid>/journal/", page.journal, name="journal"),
    path("conventions/<uuid:uuid>/journal.csv", page.journal_csv, name="journal_csv"),
    path("conventions/<uuid:uuid>/corriger/", correction.corriger, name="corriger"),
    path("conventions/<uuid:uuid>/reorienter/", transitions.reroute, name="reroute"),
    path(
        "conventions/<uuid:uuid>/actions/<slug:name>/",
        transitions.transition,
        name="transition",
    ),
    path(
        "commentaires/<uuid:uuid>/repondre/",
        comments.commentaire_repondre,
        name="commentaire_repondre",
    ),
    path(
        "commentaires/<uuid:uuid>/modifier/",
        comments.commentaire_modifier,
        name="commentaire_modifier",
    ),
    path(
        "commentaires/<uuid:uuid>/<slug:action>/",
        comments.commentaire_action,
        name="commentaire_action",
    ),
]
