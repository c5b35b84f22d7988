import pytest
from django.test import Client

from accounts.models import Address, User

from .factories import PASSWORD, AddressFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_TEXT = "ক" * 10_000
NEW_PASSWORD = "Another-str0ng-one"
SIGNUP = {
    "email": "Karim@Example.com",
    "full_name": "Karim Ahmed",
    "phone": "01712345678",
    "password": PASSWORD,
    "password_confirmation": PASSWORD,
}
ADDRESS_FORM = {
    "full_name": "Karim Ahmed",
    "phone": "01712345678",
    "address_line": "House 7, Road 2",
    "area": "Mirpur",
    "city": "Dhaka",
    "postcode": "",
}


@pytest.fixture
def shopper():
    return UserFactory(full_name="Nusrat Jahan")


@pytest.fixture
def signed_in(client, shopper):
    client.force_login(shopper)
    return client


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# Sign-up


def test_signup_creates_the_account_signs_in_and_greets_the_shopper(client):
    response = client.post("/accounts/signup/", SIGNUP, follow=True)

    user = User.objects.get()
    assert (user.email, user.phone) == ("karim@example.com", "+8801712345678")
    assert signed_in_user_id(client) == str(user.pk)
    assert response.redirect_chain == [("/", 302)]
    assert "Welcome to DhakaCart, Karim!" in response.content.decode()


def test_signup_returns_to_a_safe_next_page_but_not_to_another_site(client):
    to_cart = client.post("/accounts/signup/", {**SIGNUP, "next": "/cart/"})
    client.post("/accounts/logout/")
    elsewhere = client.post(
        "/accounts/signup/", {**SIGNUP, "email": "b@example.com", "next": "https://evil.example/"}
    )

    assert to_cart["Location"] == "/cart/"
    assert elsewhere["Location"] == "/"


def test_signup_with_a_registered_email_says_so_and_creates_nothing(client, shopper):
    response = client.post("/accounts/signup/", {**SIGNUP, "email": shopper.email.upper()})

    assert response.status_code == 200
    assert "An account with this e-mail address already exists" in response.content.decode()
    assert User.objects.count() == 1
    assert signed_in_user_id(client) is None


def test_signup_with_a_weak_password_explains_why_on_the_password(client):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "password": "password", "password_confirmation": "password"}
    )

    assert response.status_code == 200
    assert "This password is too common." in response.context["form"].errors["password"]
    assert not User.objects.exists()


def test_signup_with_two_different_passwords_is_refused(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "password_confirmation": "Something-else-9"})

    assert response.context["form"].errors["password_confirmation"] == ["The two passwords are not the same."]
    assert not User.objects.exists()


def test_signup_with_a_ten_thousand_character_name_is_refused_with_a_message(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "full_name": LONG_TEXT, "email": LONG_TEXT})

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters (it has 10000)." in errors["full_name"]
    assert "email" in errors
    assert not User.objects.exists()


def test_signup_with_a_bad_phone_shows_the_phone_rule(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "phone": "0123"})

    assert "Enter a Bangladeshi mobile number" in response.context["form"].errors["phone"][0]


def test_a_signed_in_shopper_is_sent_from_signup_to_the_account_page(signed_in):
    response = signed_in.get("/accounts/signup/")

    assert response["Location"] == "/accounts/"


# Sign-in and sign-out


def test_login_by_email_signs_in_and_goes_to_the_next_page(client, shopper):
    response = client.post(
        "/accounts/login/", {"username": shopper.email, "password": PASSWORD, "next": "/cart/"}
    )

    assert response["Location"] == "/cart/"
    assert signed_in_user_id(client) == str(shopper.pk)


def test_login_with_a_wrong_password_says_so_and_stays_signed_out(client, shopper):
    response = client.post("/accounts/login/", {"username": shopper.email, "password": "not-my-password"})

    assert response.status_code == 200
    assert "That e-mail address and password do not match an account." in response.content.decode()
    assert signed_in_user_id(client) is None


def test_login_with_a_ten_thousand_character_email_is_refused_with_a_message(client):
    response = client.post("/accounts/login/", {"username": LONG_TEXT, "password": LONG_TEXT})

    assert response.status_code == 200
    assert response.context["form"].errors["username"]


def test_logout_by_get_is_refused_and_keeps_the_shopper_signed_in(signed_in, shopper):
    response = signed_in.get("/accounts/logout/")

    assert response.status_code == 405
    assert signed_in_user_id(signed_in) == str(shopper.pk)


def test_logout_by_post_signs_out_and_says_so(signed_in):
    response = signed_in.post("/accounts/logout/", follow=True)

    assert signed_in_user_id(signed_in) is None
    assert response.redirect_chain == [("/", 302)]
    assert "You are signed out." in response.content.decode()


def test_a_login_post_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    UserFactory(email="karim@example.com")

    response = client.post("/accounts/login/", {"username": "karim@example.com", "password": PASSWORD})

    assert response.status_code == 403
    assert signed_in_user_id(client) is None


def test_an_address_post_without_a_csrf_token_is_refused_and_saves_nothing(shopper):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)

    response = client.post("/accounts/addresses/new/", ADDRESS_FORM)

    assert response.status_code == 403
    assert not Address.objects.exists()


def test_the_header_offers_sign_in_to_guests_and_the_first_name_to_shoppers(client, shopper):
    as_guest = client.get("/accounts/login/").content.decode()
    client.force_login(shopper)
    as_shopper = client.get("/accounts/").content.decode()

    assert 'href="/accounts/signup/"' in as_guest
    assert "Nusrat" in as_shopper
    assert 'action="/accounts/logout/"' in as_shopper


# Profile and password change


def test_the_account_page_needs_a_signed_in_shopper(client):
    response = client.get("/accounts/")

    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_the_account_page_shows_the_email_and_links_to_addresses_and_password(signed_in, shopper):
    page = signed_in.get("/accounts/").content.decode()

    assert shopper.email in page
    assert 'href="/accounts/addresses/"' in page
    assert 'href="/accounts/password/change/"' in page


def test_editing_the_profile_saves_name_and_normalised_phone(signed_in, shopper):
    response = signed_in.post("/accounts/", {"full_name": "Nusrat J. Khan", "phone": "+880 1912 345678"})

    shopper.refresh_from_db()
    assert response["Location"] == "/accounts/"
    assert (shopper.full_name, shopper.phone) == ("Nusrat J. Khan", "+8801912345678")


def test_editing_the_profile_with_a_ten_thousand_character_name_changes_nothing(signed_in, shopper):
    response = signed_in.post("/accounts/", {"full_name": LONG_TEXT, "phone": "01912345678"})

    shopper.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert shopper.full_name == "Nusrat Jahan"


def test_changing_the_password_keeps_the_shopper_signed_in_with_the_new_one(signed_in, shopper):
    response = signed_in.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    shopper.refresh_from_db()
    assert response["Location"] == "/accounts/"
    assert shopper.check_password(NEW_PASSWORD)
    assert signed_in_user_id(signed_in) == str(shopper.pk)


def test_changing_the_password_with_a_wrong_old_one_changes_nothing(signed_in, shopper):
    response = signed_in.post(
        "/accounts/password/change/",
        {"old_password": "wrong-old-one", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    shopper.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    assert shopper.check_password(PASSWORD)


# Saved addresses


def test_the_address_list_shows_only_the_shoppers_addresses(signed_in, shopper):
    AddressFactory(user=shopper, address_line="House 1, Road 1", is_default=True)
    AddressFactory(address_line="House 99, Someone Else's Road")

    page = signed_in.get("/accounts/addresses/").content.decode()

    assert "House 1, Road 1" in page
    assert "Someone Else" not in page


def test_the_address_list_runs_three_queries_for_one_or_twenty_addresses(
    signed_in, shopper, django_assert_num_queries
):
    AddressFactory(user=shopper, is_default=True)
    # The signed-in user, the header's cart count and the addresses (the session is cached).
    with django_assert_num_queries(3):
        assert signed_in.get("/accounts/addresses/").status_code == 200
    AddressFactory.create_batch(19, user=shopper)

    with django_assert_num_queries(3):
        response = signed_in.get("/accounts/addresses/")

    assert len(response.context["addresses"]) == 20


def test_adding_an_address_saves_it_as_the_first_default(signed_in, shopper):
    response = signed_in.post("/accounts/addresses/new/", ADDRESS_FORM)

    address = Address.objects.get()
    assert response["Location"] == "/accounts/addresses/"
    assert (address.user, address.phone, address.is_default) == (shopper, "+8801712345678", True)


@pytest.mark.parametrize("postcode", ["12", "12a4", "১২০৭"])
def test_an_address_with_a_malformed_postcode_is_refused_as_at_checkout(signed_in, postcode):
    response = signed_in.post("/accounts/addresses/new/", {**ADDRESS_FORM, "postcode": postcode})

    assert "A postcode has four digits, e.g. 1207." in response.content.decode()
    assert not Address.objects.exists()


def test_adding_an_address_with_missing_and_huge_fields_saves_nothing(signed_in):
    response = signed_in.post(
        "/accounts/addresses/new/", {**ADDRESS_FORM, "area": "", "address_line": LONG_TEXT}
    )

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert set(errors) == {"area", "address_line"}
    assert not Address.objects.exists()


def test_editing_an_address_changes_it(signed_in, shopper):
    address = AddressFactory(user=shopper, is_default=True)

    response = signed_in.post(f"/accounts/addresses/{address.pk}/edit/", {**ADDRESS_FORM, "city": "Sylhet"})

    address.refresh_from_db()
    assert response["Location"] == "/accounts/addresses/"
    assert address.city == "Sylhet"


def test_deleting_an_address_asks_first_then_deletes_it(signed_in, shopper):
    address = AddressFactory(user=shopper, is_default=True)

    confirm = signed_in.get(f"/accounts/addresses/{address.pk}/delete/")
    response = signed_in.post(f"/accounts/addresses/{address.pk}/delete/")

    assert confirm.status_code == 200
    assert response["Location"] == "/accounts/addresses/"
    assert not Address.objects.exists()


def test_making_an_address_the_default_moves_the_default(signed_in, shopper):
    old = AddressFactory(user=shopper, is_default=True)
    new = AddressFactory(user=shopper)

    signed_in.post(f"/accounts/addresses/{new.pk}/default/")

    assert list(Address.objects.filter(is_default=True)) == [new]
    old.refresh_from_db()
    assert not old.is_default


def test_making_an_address_the_default_by_get_is_refused(signed_in, shopper):
    address = AddressFactory(user=shopper)

    response = signed_in.get(f"/accounts/addresses/{address.pk}/default/")

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/accounts/addresses/{pk}/edit/"),
        ("post", "/accounts/addresses/{pk}/edit/"),
        ("get", "/accounts/addresses/{pk}/delete/"),
        ("post", "/accounts/addresses/{pk}/delete/"),
        ("post", "/accounts/addresses/{pk}/default/"),
    ],
)
def test_another_users_address_is_not_found_and_stays_as_it_was(signed_in, method, path):
    someone_elses = AddressFactory(city="Khulna")

    response = getattr(signed_in, method)(
        path.format(pk=someone_elses.pk), {**ADDRESS_FORM, "city": "Sylhet"}
    )

    someone_elses.refresh_from_db()
    assert response.status_code == 404
    assert (someone_elses.city, someone_elses.is_default) == ("Khulna", False)


@pytest.mark.parametrize("path", ["/accounts/addresses/{pk}/edit/", "/accounts/addresses/{pk}/delete/"])
def test_the_owner_reaches_the_same_address_pages(signed_in, shopper, path):
    mine = AddressFactory(user=shopper)

    response = signed_in.get(path.format(pk=mine.pk))

    assert response.status_code == 200


def test_an_address_id_too_large_for_the_database_is_not_found(signed_in):
    response = signed_in.get(f"/accounts/addresses/{10**30}/edit/")

    assert response.status_code == 404


def test_the_address_pages_need_a_signed_in_shopper(client):
    address = AddressFactory()

    response = client.post(f"/accounts/addresses/{address.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Address.objects.exists()
