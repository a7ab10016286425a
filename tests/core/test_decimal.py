from decimal import Decimal

import pytest

from apilos.core.decimal import rhu
from apilos.core.normalise import normalise_numero


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("2.345"), 2, Decimal("2.35")),
        (Decimal("2.344"), 2, Decimal("2.34")),
        ("0.125", 2, Decimal("0.13")),
        (Decimal("1.5"), 0, Decimal("2")),
        (Decimal("2.5"), 0, Decimal("3")),
        (Decimal("-2.5"), 0, Decimal("-3")),
        (7, 2, Decimal("7.00")),
    ],
)
def test_rhu_rounds_half_up(value, places, expected):
    """rhu(x, n) rounds half-up (ties away from zero) on Decimal, never banker's rounding."""
    result = rhu(value, places)
    assert result == expected
    assert result.as_tuple().exponent == -places


def test_rhu_refuses_floats():
    """Money and surfaces never go through floats."""
    with pytest.raises(TypeError):
        rhu(2.675, 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("69.D.26.0001", "69D260001"),
        (" 2022 1000-003/b ", "20221000003B"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_numero(raw, expected):
    """Normalised numbers are upper-case, without spaces, /, - or ."""
    assert normalise_numero(raw) == expected
