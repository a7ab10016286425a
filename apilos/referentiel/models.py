"""Reference data: régions and départements with their INSEE codes."""

from django.db import models

OUTRE_MER_DEPARTEMENTS = frozenset({"971", "972", "973", "974", "976"})


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=2, unique=True)
    nom = models.CharField("nom", max_length=100)

    class Meta:
        ordering = ["nom"]
        verbose_name = "région"

    def __str__(self) -> str:
        return self.nom


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    nom = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        ordering = ["code"]
        verbose_name = "département"

    def __str__(self) -> str:
        return f"{self.code} – {self.nom}"

    @property
    def is_outre_mer(self) -> bool:
        return self.code in OUTRE_MER_DEPARTEMENTS


def departement_code_from_insee(code_insee: str) -> str:
    """Département of a commune's INSEE code: 3 characters overseas, 2 elsewhere (2A/2B kept)."""
    code = (code_insee or "").strip().upper()
    if len(code) != 5:
        raise ValueError(
            f"Code INSEE de commune invalide : {code_insee!r} (5 caractères attendus)."
        )
    return code[:3] if code.startswith("97") else code[:2]
