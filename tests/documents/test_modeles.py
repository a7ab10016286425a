from dataclasses import replace

import pytest

from apilos.documents.context import Avenant, Famille, Parties
from apilos.documents.modeles import Modele, model_for
from tests.documents.exemples import ADMINISTRATION, BAILLEUR, contexte_hlm


def contexte(nature="hlm", famille=Famille.ORDINAIRE, **changes):
    parties = Parties(replace(BAILLEUR, nature=nature), ADMINISTRATION)
    return contexte_hlm(parties=parties, famille=famille, **changes)


AVENANT = Avenant(rang=1, numero_convention="69.D.24.0007", types=("duree",))


@pytest.mark.parametrize(
    ("changes", "attendu"),
    [
        ({"docx_remplacement": True, "avenant": AVENANT}, Modele.REMPLACEMENT),
        ({"avenant": AVENANT, "famille": Famille.FOYER}, Modele.AVENANT_FOYER_RESIDENCE),
        ({"avenant": AVENANT, "famille": Famille.RESIDENCE}, Modele.AVENANT_FOYER_RESIDENCE),
        ({"avenant": AVENANT, "seconde_vie": True}, Modele.AVENANT),
        ({"seconde_vie": True, "famille": Famille.FOYER}, Modele.SECONDE_VIE_FOYER),
        ({"seconde_vie": True, "famille": Famille.RESIDENCE}, Modele.SECONDE_VIE_HLM),
        ({"seconde_vie": True, "nature": "autre"}, Modele.SECONDE_VIE_HLM),
        ({"famille": Famille.FOYER, "nature": "autre"}, Modele.FOYER),
        ({"famille": Famille.RESIDENCE}, Modele.RESIDENCE),
        ({"nature": "hlm"}, Modele.HLM),
        ({"nature": "sem"}, Modele.SEM),
        ({"nature": "autre", "type_convention": "type_1"}, Modele.TYPE_1),
        ({"nature": "prive", "type_convention": "type_2"}, Modele.TYPE_2),
        ({"nature": "autre"}, Modele.TYPE_1),
    ],
)
def test_premier_cas_qui_s_applique(changes, attendu):
    """The §8.1 table, first match wins."""
    assert model_for(contexte(**changes)) == attendu
