from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "apilos.documents"
    label = "documents"
    verbose_name = "Documents"
