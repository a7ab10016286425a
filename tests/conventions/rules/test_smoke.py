from tests.conventions.rules.conftest import run


def test_valid_ordinaire_passes(ordinaire):
    """A complete ordinary convention passes every rule, even at submission."""
    report = run(ordinaire, "soumission")
    assert [f.to_dict() for f in report.findings] == []


def test_valid_foyer_passes(foyer):
    """A complete foyer passes every rule, even at submission."""
    report = run(foyer, "soumission")
    assert [f.to_dict() for f in report.findings] == []


def test_valid_residence_passes(residence):
    """A complete résidence passes every rule, even at submission."""
    report = run(residence, "soumission")
    assert [f.to_dict() for f in report.findings] == []
