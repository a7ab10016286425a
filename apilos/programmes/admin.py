from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LogementEDD, Programme, ReferenceCadastrale


class LogementEDDInline(admin.TabularInline):
    model = LogementEDD
    extra = 0
    fields = ("designation", "financement", "numero_lot")


class ReferenceCadastraleInline(admin.TabularInline):
    model = ReferenceCadastrale
    extra = 0
    fields = ("section", "numero", "lieudit", "surface_m2", "autre")


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("nom", "numero_operation", "bailleur", "administration", "ville")
    search_fields = ("nom", "numero_operation", "numero_operation_normalise", "ville")
    list_filter = ("nature_logement", "type_operation", "zone_abc", "zone_123")
    autocomplete_fields = ("bailleur", "administration")
    raw_id_fields = ("departement",)
    readonly_fields = ("numero_operation_normalise", "seconde_vie", "uuid")
    inlines = [ReferenceCadastraleInline, LogementEDDInline]


@admin.register(LogementEDD)
class LogementEDDAdmin(SimpleHistoryAdmin):
    list_display = ("designation", "financement", "numero_lot", "programme")
    list_filter = ("financement",)
    search_fields = ("designation", "programme__nom")
    raw_id_fields = ("programme",)


@admin.register(ReferenceCadastrale)
class ReferenceCadastraleAdmin(SimpleHistoryAdmin):
    list_display = ("section", "numero", "lieudit", "surface_m2", "programme")
    search_fields = ("section", "numero", "lieudit", "programme__nom")
    raw_id_fields = ("programme",)
