import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_email_is_the_login_name_and_is_stored_lower_case(client):
    user = get_user_model().objects.create_user(email="Karim@Example.COM", password="a-Strong-passw0rd")
    assert user.email == "karim@example.com"

    response = client.post(
        "/accounts/login/", {"username": "KARIM@example.com", "password": "a-Strong-passw0rd"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_createsuperuser_needs_only_email_and_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "boss@dhakacart.local")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-Strong-passw0rd")

    call_command("createsuperuser", "--noinput", verbosity=0)

    boss = get_user_model().objects.get(email="boss@dhakacart.local")
    assert boss.is_superuser and boss.is_staff
    assert boss.password.startswith("argon2")


def test_the_user_admin_lists_and_adds_users(admin_client, user):
    listing = admin_client.get("/admin/accounts/user/")
    add_page = admin_client.get("/admin/accounts/user/add/")

    assert listing.status_code == 200
    assert user.email in listing.content.decode()
    assert add_page.status_code == 200


def test_the_admin_refuses_a_signed_in_shopper(client, user):
    client.force_login(user)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
