import pytest
from django.urls import path

pytestmark = pytest.mark.django_db


def test_base_page_has_the_shop_header_search_and_language_switcher(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html
    assert "DhakaCart" in html
    assert 'name="language" value="bn"' in html


def test_the_bangla_page_lives_under_bn(client):
    response = client.get("/bn/")

    assert response.status_code == 200
    assert '<html lang="bn">' in response.content.decode()


def test_unknown_page_renders_our_404_template(client):
    response = client.get("/definitely/not/here/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "We couldn" in response.content.decode()


def crashing_view(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [path("crash/", crashing_view)]


@pytest.mark.urls(__name__)
def test_a_crash_renders_our_500_template_without_a_traceback(client):
    client.raise_request_exception = False

    response = client.get("/crash/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html
    assert "ZeroDivisionError" not in html


def test_security_headers_are_sent(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
