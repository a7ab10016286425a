from django.contrib import admin

from .models import Departement, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "nom")


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ("code", "nom", "region")
    list_filter = ("region",)
    search_fields = ("code", "nom")
