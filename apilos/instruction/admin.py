from django.contrib import admin

from .models import (
    Commentaire,
    EnvoiSPF,
    Evenement,
    HistoriqueStatut,
    Message,
    Notification,
    ReponseCommentaire,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit rows: visible in the back office, never edited there."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HistoriqueStatut)
class HistoriqueStatutAdmin(ReadOnlyAdmin):
    list_display = ("convention", "de", "vers", "cree_par", "role", "survenu_le")
    list_filter = ("vers", "transition")
    search_fields = ("convention__numero", "convention__programme__nom")


class ReponseInline(admin.TabularInline):
    model = ReponseCommentaire
    extra = 0
    readonly_fields = ("message", "cree_par", "role", "cree_le")
    can_delete = False


@admin.register(Commentaire)
class CommentaireAdmin(ReadOnlyAdmin):
    list_display = ("convention", "cible_libelle", "statut", "cree_par", "cree_le")
    list_filter = ("statut",)
    inlines = [ReponseInline]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("convention", "cree_par", "prive", "cree_le")
    list_filter = ("prive",)


@admin.register(Evenement)
class EvenementAdmin(ReadOnlyAdmin):
    list_display = ("convention", "type", "survenu_le", "automatique", "cree_par")
    list_filter = ("type", "automatique")


@admin.register(EnvoiSPF)
class EnvoiSPFAdmin(ReadOnlyAdmin):
    list_display = ("convention", "date_envoi", "resultat", "date_retour", "reference_spf")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("destinataire", "titre", "convention", "cree_le", "lu_le", "email_envoye_le")
    search_fields = ("destinataire__email", "cle")
