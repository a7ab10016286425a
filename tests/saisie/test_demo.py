"""Demo drafts: every bailleur has each nature en projet, some complete, some to fix."""

from apilos.conventions.models import Convention, Logement
from apilos.conventions.rules import convention_check
from apilos.core.demo import load_demo
from apilos.saisie.demo import DRAFTS


def test_demo_drafts_are_idempotent_and_realistic(db):
    """Loading twice gives the same drafts; complete ones pass, the others keep their errors."""
    load_demo()
    first = (Convention.objects.count(), Logement.objects.count())
    load_demo()
    assert (Convention.objects.count(), Logement.objects.count()) == first
    natures = {}
    for draft in DRAFTS:
        convention = Convention.objects.get(programme__numero_operation=draft.key, parent=None)
        assert convention.statut == "projet"
        assert Logement.objects.filter(lot__convention=convention).count() >= 10
        report = convention_check(convention, moment="soumission")
        assert report.ok == draft.complete, (draft.nom, [f.message for f in report.blocking])
        natures.setdefault(draft.bailleur, set()).add(convention.programme.famille)
    assert all(found == {"ordinaire", "foyer", "residence"} for found in natures.values())
