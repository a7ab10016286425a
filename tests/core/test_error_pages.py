import pytest
from django.test import Client

from apilos.core.views import error_500


def test_unknown_page_gives_french_404(client, db):
    """An unknown address answers the DSFR 404 page in French."""
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Page non trouvée" in text
    assert "fr-header" in text


def test_500_page_renders_without_database(rf):
    """The 500 page needs no database (pytest-django blocks every query in this test)."""
    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/conventions/"])
def test_security_headers(path, db):
    """Pages carry a Content-Security-Policy without inline scripts, and forbid framing."""
    response = Client().get(path)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
