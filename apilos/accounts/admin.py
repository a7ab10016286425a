"""Back office for staff. Django's admin log records who changed what and when;
the organisations and roles also keep a full history of their values."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Administration, Bailleur, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "user"
    fields = (
        "role",
        "bailleur",
        "administration",
        "perimetre",
        "departement",
        "region",
        "partenaire_kind",
        "is_active",
    )
    autocomplete_fields = ("bailleur", "administration")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active", "is_staff", "last_login")
    search_fields = ("email", "first_name", "last_name")
    list_filter = ("is_active", "is_staff", "memberships__role")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "preference_notification")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [MembershipInline]


@admin.register(Bailleur)
class BailleurAdmin(SimpleHistoryAdmin):
    list_display = ("nom", "siret", "nature", "sous_nature", "ville", "parent")
    list_filter = ("nature", "sous_nature")
    search_fields = ("nom", "siret", "siren")
    autocomplete_fields = ("parent",)
    readonly_fields = ("siren", "nature", "uuid")


@admin.register(Administration)
class AdministrationAdmin(SimpleHistoryAdmin):
    list_display = ("nom", "code", "kind", "ville_signature", "nb_exemplaires")
    list_filter = ("kind",)
    search_fields = ("nom", "code")
    filter_horizontal = ("departements",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "bailleur", "administration", "perimetre", "is_active")
    list_filter = ("role", "perimetre", "is_active")
    search_fields = ("user__email", "bailleur__nom", "administration__nom")
    autocomplete_fields = ("user", "bailleur", "administration")


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The record of every change made in the back office: read only."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag")
    list_filter = ("action_flag", "content_type")
    search_fields = ("object_repr", "change_message", "user__email")
    date_hierarchy = "action_time"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
