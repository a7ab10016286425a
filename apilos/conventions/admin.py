from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Annexe,
    Convention,
    ConventionNumberCounter,
    LocauxCollectifs,
    Logement,
    Lot,
    Pret,
    TypeStationnement,
)


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0
    fields = ("financement", "nb_logements", "type_habitat")
    show_change_link = True


@admin.register(Convention)
class ConventionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "numero", "statut", "programme", "mis_a_jour_le")
    list_filter = ("statut", "type_convention")
    search_fields = ("numero", "numero_normalise", "programme__nom", "programme__numero_operation")
    autocomplete_fields = ("programme", "parent", "source")
    raw_id_fields = ("parents_seconde_vie",)
    readonly_fields = ("uuid", "numero_normalise", "donnees_validees_sha256")
    inlines = [LotInline]


class StationnementInline(admin.TabularInline):
    model = TypeStationnement
    extra = 0
    fields = ("typologie", "nombre", "loyer")


class LocauxCollectifsInline(admin.TabularInline):
    model = LocauxCollectifs
    extra = 0
    fields = ("type_local", "surface_habitable", "nombre")


class PretInline(admin.TabularInline):
    model = Pret
    extra = 0
    fields = ("preteur", "preteur_autre", "numero", "date_octroi", "duree", "montant")


@admin.register(Lot)
class LotAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "financement", "nb_logements", "type_habitat")
    list_filter = ("financement", "type_habitat")
    search_fields = ("convention__numero", "convention__programme__nom")
    raw_id_fields = ("convention",)
    inlines = [PretInline, StationnementInline, LocauxCollectifsInline]


class AnnexeInline(admin.TabularInline):
    model = Annexe
    extra = 0
    fields = ("typologie", "surface", "loyer_unitaire", "loyer")


@admin.register(Logement)
class LogementAdmin(SimpleHistoryAdmin):
    list_display = ("designation", "typologie", "tableau", "surface_habitable", "surface_utile")
    list_filter = ("tableau", "typologie")
    search_fields = ("designation", "lot__convention__numero")
    raw_id_fields = ("lot",)
    readonly_fields = ("surface_utile",)
    list_select_related = ("lot",)
    inlines = [AnnexeInline]


@admin.register(Annexe)
class AnnexeAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "typologie", "surface", "loyer")
    list_filter = ("typologie",)
    raw_id_fields = ("logement",)


@admin.register(TypeStationnement)
class TypeStationnementAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "typologie", "nombre", "loyer", "lot")
    list_filter = ("typologie",)
    raw_id_fields = ("lot",)


@admin.register(LocauxCollectifs)
class LocauxCollectifsAdmin(SimpleHistoryAdmin):
    list_display = ("type_local", "surface_habitable", "nombre", "lot")
    raw_id_fields = ("lot",)


@admin.register(Pret)
class PretAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "preteur", "numero", "montant", "lot")
    list_filter = ("preteur",)
    search_fields = ("numero",)
    raw_id_fields = ("lot",)


@admin.register(ConventionNumberCounter)
class ConventionNumberCounterAdmin(admin.ModelAdmin):
    list_display = ("departement", "annee", "dernier")
    list_filter = ("annee",)
    raw_id_fields = ("departement",)
