from django.db import models


class StatutAntivirus(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente d'analyse"
    SAIN = "sain", "Sain"
    INFECTE = "infecte", "Infecté"


MAX_SIZE = 100 * 1024 * 1024  # R46
