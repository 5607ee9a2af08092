"""Quick exit: on every Survivor Voices page and the submission pages; the exit URL ends the
session, asks the browser to clear the site's data and leaves for a neutral site; no
third-party anything (the Content-Security-Policy allows this origin only)."""

import pytest

from .conftest import published_piece

pytestmark = pytest.mark.django_db


def test_the_exit_url_ends_the_session_and_clears_site_data(author, login, settings):
    settings.SURVIVORS_EXIT_URL = "https://www.weather.gov/"
    client = login(author)
    assert client.get("/voices/me/").status_code == 200
    response = client.get("/voices/exit/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.weather.gov/"
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "_auth_user_id" not in client.session
    assert client.get("/voices/me/").status_code == 302  # signed out: sent to sign in


def test_every_section_page_has_the_exit_button_skip_link_and_script(voices, author, editor, login):
    work = published_piece(author, editor)
    client = login(author)
    for url in (
        "/voices/",
        "/voices/spring/",
        work.url,
        "/voices/submit/",
        "/voices/me/",
        f"/voices/me/{work.pk}/",
        "/voices/before-you-start/",
    ):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert 'id="quick-exit"' in body and 'href="/voices/exit/"' in body, url
        assert 'href="#quick-exit"' in body, url
        assert "survivors/quick-exit.js" in body, url
        assert "<script>" not in body and " style=" not in body, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "http" not in policy, url


def test_the_explanation_page_tells_the_limits_and_advises_private_browsing(client):
    body = client.get("/voices/before-you-start/?next=https://evil.example/").content.decode()
    assert "does not erase your browser history" in body
    assert "private window" in body
    assert "evil.example" not in body
