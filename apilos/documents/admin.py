from django.contrib import admin

from .models import DocumentGenere


@admin.register(DocumentGenere)
class DocumentGenereAdmin(admin.ModelAdmin):
    list_display = ("nom", "convention", "kind", "definitif", "statut", "etat", "cree_le")
    list_filter = ("kind", "definitif", "statut", "etat")
    search_fields = ("nom", "sha256", "convention__numero")
    exclude = ("snapshot",)
    readonly_fields = [
        field.name for field in DocumentGenere._meta.fields if field.name != "snapshot"
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
