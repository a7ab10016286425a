from django.contrib import admin

from .models import PieceJointe


@admin.register(PieceJointe)
class PieceJointeAdmin(admin.ModelAdmin):
    list_display = ("nom", "champ", "content_type", "object_id", "taille", "statut_antivirus")
    list_filter = ("statut_antivirus", "content_type", "champ")
    search_fields = ("nom", "sha256")
    readonly_fields = ("uuid", "taille", "type_mime", "sha256", "cree_le", "cree_par")
    raw_id_fields = ("cree_par",)
