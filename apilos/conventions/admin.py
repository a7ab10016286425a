from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Convention


@admin.register(Convention)
class ConventionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "numero", "statut", "programme", "mis_a_jour_le")
    list_filter = ("statut",)
    search_fields = ("numero", "programme__nom")
    autocomplete_fields = ("programme", "parent")
