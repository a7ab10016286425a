from django.contrib import admin

from .models import Departement, IndiceEvolutionLoyer, LoyerPlafond, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "nom")


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ("code", "nom", "region")
    list_filter = ("region",)
    search_fields = ("code", "nom")


@admin.register(IndiceEvolutionLoyer)
class IndiceEvolutionLoyerAdmin(admin.ModelAdmin):
    list_display = ("kind", "nature_logement", "annee", "date_debut", "date_fin", "evolution_pct")
    list_filter = ("kind", "nature_logement", "annee")
    filter_horizontal = ("departements",)


@admin.register(LoyerPlafond)
class LoyerPlafondAdmin(admin.ModelAdmin):
    list_display = ("annee", "zone", "financement", "loyer_max_m2")
    list_filter = ("annee", "zone", "financement")
