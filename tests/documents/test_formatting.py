from datetime import date
from decimal import Decimal

from apilos.documents.formatting import date_fr, date_longue, euros, nombre, surface_cadastrale


def test_nombre_groupe_les_milliers_et_met_une_virgule():
    """Numbers are written the French way, with a no-break space between thousands."""
    assert nombre(Decimal("1234567.891")) == "1\u00a0234\u00a0567,89"


def test_nombre_arrondit_au_demi_superieur():
    """Rounding is half-up on Decimal (rhu), never banker's rounding."""
    assert nombre(Decimal("2.345")) == "2,35"
    assert nombre(Decimal("0.95"), 4) == "0,9500"


def test_entiers_sans_decimales():
    """Counts print without decimals, grouped by thousands."""
    assert nombre(2000) == "2\u00a0000"


def test_euros_et_valeur_absente():
    """Amounts end with a no-break space and €; a missing value prints a dash."""
    assert euros(Decimal("1234.5")) == "1\u00a0234,50\u00a0€"
    assert euros(None) == "—"


def test_dates():
    """Dates print dd/mm/yyyy; sentences may use the long form with 1er."""
    assert date_fr(date(2026, 11, 27)) == "27/11/2026"
    assert date_longue(date(2026, 1, 1)) == "1er janvier 2026"


def test_surface_cadastrale_en_hectares_ares_centiares():
    """10 342 m² is 1 ha 03 a 42 ca."""
    assert surface_cadastrale(10342) == "1 ha 03 a 42 ca"
