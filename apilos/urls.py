from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "APiLos – administration"
admin.site.site_title = "APiLos"
admin.site.index_title = "Back-office"

urlpatterns = [
    path("", include("apilos.core.urls")),
    path("compte/", include("apilos.accounts.urls")),
    path("conventions/", include("apilos.conventions.urls")),
    path("conventions/", include("apilos.saisie.urls")),
    path("", include("apilos.instruction.urls")),
    path("", include("apilos.documents.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "apilos.core.views.error_400"
handler403 = "apilos.core.views.error_403"
handler404 = "apilos.core.views.error_404"
handler500 = "apilos.core.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
