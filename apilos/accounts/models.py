"""Users, organisations (bailleurs, administrations) and the roles that tie them."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apilos.core.models import BaseModel
from apilos.referentiel.models import Departement, Region

from .enums import (
    STATE_SERVICE_KINDS,
    AdministrationKind,
    Nature,
    NotificationPreference,
    PartenaireKind,
    Perimetre,
    Role,
    SousNature,
    nature_for,
)
from .validators import validate_siret

code_postal_validator = RegexValidator(
    r"^\d{5}$", "Le code postal doit compter exactement 5 chiffres (par exemple 75007)."
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)
    preference_notification = models.CharField(
        "préférence d'e-mails",
        max_length=10,
        choices=NotificationPreference.choices,
        default=NotificationPreference.PARTIEL,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SignataireMixin(models.Model):
    """Default signataire block printed on the documents."""

    signataire_nom = models.CharField("nom du signataire", max_length=255, blank=True)
    signataire_fonction = models.CharField("fonction du signataire", max_length=255, blank=True)
    signataire_date_deliberation = models.DateField("date de délibération", null=True, blank=True)
    signataire_bloc = models.TextField("bloc de signature", max_length=5000, blank=True)

    class Meta:
        abstract = True


class Bailleur(SignataireMixin, BaseModel):
    nom = models.CharField("raison sociale", max_length=255)
    siret = models.CharField(
        "SIRET",
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_siret],
        help_text="14 chiffres ; vide seulement pour une personne physique.",
    )
    siren = models.CharField("SIREN", max_length=9, blank=True, editable=False)
    nature = models.CharField("nature", max_length=10, choices=Nature.choices, default=Nature.AUTRE)
    sous_nature = models.CharField(
        "sous-nature",
        max_length=40,
        choices=SousNature.choices,
        default=SousNature.NON_RENSEIGNE,
    )
    capital_social = models.DecimalField(
        "capital social (€)",
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    adresse = models.TextField("adresse", max_length=5000, blank=True)
    code_postal = models.CharField(
        "code postal", max_length=5, blank=True, validators=[code_postal_validator]
    )
    ville = models.CharField("ville", max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="bailleur absorbant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="absorbes",
        help_text=(
            "Après une fusion, les utilisateurs du bailleur absorbant voient ses conventions."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["nom"]
        verbose_name = "bailleur"
        constraints = [
            models.CheckConstraint(
                condition=Q(capital_social__isnull=True) | Q(capital_social__gte=0),
                name="bailleur_capital_positif",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="bailleur_pas_son_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.nom

    def save(self, *args: object, **kwargs: object) -> None:
        self.nature = nature_for(self.sous_nature, self.nature) or Nature.AUTRE
        self.siret = self.siret or None
        self.siren = self.siret[:9] if self.siret else ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "Un bailleur ne peut pas s'absorber lui-même."})
        if self.nature != Nature.PRIVE and not self.siret:
            raise ValidationError(
                {"siret": "Le SIRET est obligatoire, sauf pour un bailleur personne physique."}
            )

    @property
    def is_hlm_or_sem(self) -> bool:
        return self.nature in {Nature.HLM, Nature.SEM}

    @property
    def signs_type_1_2(self) -> bool:
        """A bailleur neither HLM nor SEM signs Type I/II conventions (domain.md §1.1)."""
        return not self.is_hlm_or_sem


class Administration(SignataireMixin, BaseModel):
    code = models.CharField(
        "code SIAP",
        max_length=20,
        unique=True,
        help_text="Commence par D pour un service de l'État ; sinon délégataire.",
    )
    nom = models.CharField("nom", max_length=255, unique=True)
    kind = models.CharField("type", max_length=20, choices=AdministrationKind.choices)
    departements = models.ManyToManyField(
        Departement, verbose_name="départements couverts", related_name="administrations"
    )
    adresse = models.TextField("adresse", max_length=5000, blank=True)
    code_postal = models.CharField(
        "code postal", max_length=5, blank=True, validators=[code_postal_validator]
    )
    ville = models.CharField("ville", max_length=255, blank=True)
    ville_signature = models.CharField("ville de signature", max_length=255, blank=True)
    nb_exemplaires = models.PositiveSmallIntegerField(
        "nombre d'exemplaires originaux",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    bloc_signature = models.TextField(
        "bloc de signature de l'État",
        max_length=5000,
        blank=True,
        help_text="Le préfet, ou le président du délégataire.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["nom"]
        verbose_name = "administration"
        constraints = [
            models.CheckConstraint(
                condition=Q(nb_exemplaires__gte=1) & Q(nb_exemplaires__lte=10),
                name="administration_nb_exemplaires_1_10",
            )
        ]

    def __str__(self) -> str:
        return self.nom

    @property
    def is_service_etat(self) -> bool:
        return self.kind in STATE_SERVICE_KINDS

    def clean(self) -> None:
        if self.code and self.is_service_etat != self.code.upper().startswith("D"):
            raise ValidationError(
                {
                    "code": "Le code SIAP d'un service de l'État commence par D, "
                    "celui d'un délégataire par une autre lettre."
                }
            )


class Membership(BaseModel):
    """One role held by a user; a user may hold several and switch between them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    bailleur = models.ForeignKey(
        Bailleur, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    administration = models.ForeignKey(
        Administration, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    perimetre = models.CharField("périmètre", max_length=12, choices=Perimetre.choices, blank=True)
    departement = models.ForeignKey(
        Departement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partenaire_kind = models.CharField(
        "type de partenaire", max_length=12, choices=PartenaireKind.choices, blank=True
    )
    is_active = models.BooleanField("actif", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "rôle"
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_bailleur_roles_have_bailleur",
                condition=~Q(role__in=["bailleur", "bailleur_lecteur"])
                | (Q(bailleur__isnull=False) & Q(administration__isnull=True)),
            ),
            models.CheckConstraint(
                name="membership_instructeur_roles_have_administration",
                condition=~Q(
                    role__in=["instructeur", "instructeur_lecteur", "instructeur_signataire"]
                )
                | (Q(administration__isnull=False) & Q(bailleur__isnull=True)),
            ),
            models.CheckConstraint(
                name="membership_perimeter_roles_have_perimeter",
                condition=~Q(role__in=["administrateur", "partenaire"])
                | (
                    Q(perimetre="national")
                    | Q(perimetre="region", region__isnull=False)
                    | Q(perimetre="departement", departement__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "bailleur", "administration", "departement", "region"],
                name="membership_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.organisation_label}"

    @property
    def organisation_label(self) -> str:
        if self.bailleur_id:
            return str(self.bailleur)
        if self.administration_id:
            return str(self.administration)
        if self.role == Role.STAFF:
            return "national"
        label = {
            "national": "national",
            "region": str(self.region),
            "departement": str(self.departement),
        }
        prefix = f"{self.get_partenaire_kind_display()} – " if self.partenaire_kind else ""
        return prefix + label.get(self.perimetre, "")

    def clean(self) -> None:
        from .enums import BAILLEUR_ROLES, INSTRUCTEUR_ROLES

        if self.role in BAILLEUR_ROLES and not self.bailleur_id:
            raise ValidationError({"bailleur": "Un rôle bailleur doit désigner son bailleur."})
        if self.role in INSTRUCTEUR_ROLES and not self.administration_id:
            raise ValidationError(
                {"administration": "Un rôle instructeur doit désigner son administration."}
            )
        if self.role in {Role.ADMINISTRATEUR, Role.PARTENAIRE}:
            if not self.perimetre:
                raise ValidationError({"perimetre": "Indiquez le périmètre de ce rôle."})
            if self.perimetre == Perimetre.REGION and not self.region_id:
                raise ValidationError({"region": "Un périmètre régional doit désigner sa région."})
            if self.perimetre == Perimetre.DEPARTEMENT and not self.departement_id:
                raise ValidationError(
                    {"departement": "Un périmètre départemental doit désigner son département."}
                )
