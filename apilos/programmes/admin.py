from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Programme


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("nom", "numero_operation", "bailleur", "administration", "ville")
    search_fields = ("nom", "numero_operation", "ville")
    list_filter = ("nature_logement",)
    autocomplete_fields = ("bailleur", "administration")
