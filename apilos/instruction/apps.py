from django.apps import AppConfig


class InstructionConfig(AppConfig):
    name = "apilos.instruction"
    verbose_name = "Instruction"
    default_auto_field = "django.db.models.BigAutoField"
