import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.exceptions import EmailAlreadyRegistered
from accounts.models import Address, User
from accounts.selectors import get_address_for_user, get_default_address, list_addresses_for_user
from accounts.services import (
    create_address,
    delete_address,
    register_user,
    set_default_address,
    update_address,
    update_profile,
)

from .factories import PASSWORD, AddressFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "full_name": "Karim Ahmed",
    "phone": "01712 345-678",
    "address_line": "House 7, Road 2",
    "area": "Mirpur",
    "city": "Dhaka",
}


def test_register_user_stores_a_lower_case_email_a_normalised_phone_and_an_argon2_hash():
    user = register_user(
        email="Karim@Example.COM", full_name="Karim Ahmed", phone="01712345678", password=PASSWORD
    )

    user.refresh_from_db()
    assert user.email == "karim@example.com"
    assert user.phone == "+8801712345678"
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


def test_register_user_with_a_taken_email_in_other_case_raises_and_writes_nothing():
    UserFactory(email="karim@example.com")

    with pytest.raises(EmailAlreadyRegistered):
        register_user(
            email="KARIM@example.com", full_name="Someone Else", phone="01712345678", password=PASSWORD
        )

    assert User.objects.count() == 1


def test_register_user_with_a_weak_password_raises_on_the_password_and_writes_nothing():
    with pytest.raises(ValidationError) as raised:
        register_user(
            email="karim@example.com", full_name="Karim Ahmed", phone="01712345678", password="12345678"
        )

    assert set(raised.value.message_dict) == {"password"}
    assert not User.objects.exists()


def test_register_user_refuses_a_password_like_the_email():
    with pytest.raises(ValidationError) as raised:
        register_user(
            email="karimahmed@example.com",
            full_name="Karim Ahmed",
            phone="01712345678",
            password="karimahmed",
        )

    assert "password" in raised.value.message_dict


def test_register_user_with_a_foreign_phone_raises_on_the_phone():
    with pytest.raises(ValidationError) as raised:
        register_user(
            email="karim@example.com", full_name="Karim Ahmed", phone="+4420 7946 0000", password=PASSWORD
        )

    assert set(raised.value.message_dict) == {"phone"}
    assert not User.objects.exists()


def test_update_profile_changes_name_and_normalises_the_phone():
    user = UserFactory()

    update_profile(user=user, full_name="Nusrat J. Khan", phone="০১৯১২৩৪৫৬৭৮")

    user.refresh_from_db()
    assert (user.full_name, user.phone) == ("Nusrat J. Khan", "+8801912345678")


def test_the_first_address_becomes_the_default_even_when_not_asked():
    user = UserFactory()

    address = create_address(user=user, **ADDRESS)

    assert address.is_default
    assert address.phone == "+8801712345678"
    assert get_default_address(user=user) == address


def test_a_later_address_is_not_the_default_unless_asked():
    user = UserFactory()
    first = create_address(user=user, **ADDRESS)

    second = create_address(user=user, **ADDRESS)

    assert not second.is_default
    assert get_default_address(user=user) == first


def test_a_new_address_asked_to_be_the_default_takes_over_from_the_old_one():
    user = UserFactory()
    first = create_address(user=user, **ADDRESS)

    second = create_address(user=user, is_default=True, **ADDRESS)

    first.refresh_from_db()
    assert second.is_default and not first.is_default
    assert Address.objects.filter(user=user, is_default=True).count() == 1


def test_create_address_with_a_bad_phone_raises_and_writes_nothing():
    user = UserFactory()

    with pytest.raises(ValidationError):
        create_address(user=user, **{**ADDRESS, "phone": "12345"})

    assert not Address.objects.exists()


def test_set_default_address_moves_the_default_and_leaves_exactly_one():
    user = UserFactory()
    first = create_address(user=user, **ADDRESS)
    second = create_address(user=user, **ADDRESS)

    set_default_address(address=second)

    assert list(Address.objects.filter(user=user, is_default=True)) == [second]
    first.refresh_from_db()
    assert not first.is_default


def test_set_default_address_does_not_touch_another_users_default():
    other_default = create_address(user=UserFactory(), **ADDRESS)
    mine = create_address(user=UserFactory(), **ADDRESS)

    set_default_address(address=mine)

    other_default.refresh_from_db()
    assert other_default.is_default


def test_deleting_the_default_address_makes_the_newest_remaining_one_the_default():
    user = UserFactory()
    default = create_address(user=user, **ADDRESS)
    older = create_address(user=user, **ADDRESS)
    newest = create_address(user=user, **ADDRESS)

    delete_address(address=default)

    older.refresh_from_db()
    newest.refresh_from_db()
    assert newest.is_default and not older.is_default


def test_deleting_a_default_whose_flag_moved_meanwhile_keeps_the_new_default():
    user = UserFactory()
    stale = create_address(user=user, **ADDRESS)
    other = create_address(user=user, **ADDRESS)
    set_default_address(address=Address.objects.get(pk=other.pk))

    delete_address(address=stale)

    other.refresh_from_db()
    assert other.is_default


def test_deleting_the_last_address_leaves_no_default():
    user = UserFactory()
    only = create_address(user=user, **ADDRESS)

    delete_address(address=only)

    assert get_default_address(user=user) is None


def test_update_address_changes_the_fields_but_not_the_default():
    user = UserFactory()
    address = create_address(user=user, **ADDRESS)

    update_address(
        address=address, **{**ADDRESS, "area": "Uttara", "phone": "+880 1912-345678", "postcode": "1230"}
    )

    address.refresh_from_db()
    assert (address.area, address.phone, address.postcode, address.is_default) == (
        "Uttara",
        "+8801912345678",
        "1230",
        True,
    )


def test_the_database_refuses_a_second_default_address_for_one_user():
    user = UserFactory()
    AddressFactory(user=user, is_default=True)

    with pytest.raises(IntegrityError):
        AddressFactory(user=user, is_default=True)


def test_get_address_for_user_refuses_someone_elses_address():
    address = AddressFactory()

    with pytest.raises(Address.DoesNotExist):
        get_address_for_user(user=UserFactory(), pk=address.pk)


def test_list_addresses_for_user_shows_only_theirs_default_first():
    user = UserFactory()
    AddressFactory()
    older = AddressFactory(user=user)
    default = AddressFactory(user=user, is_default=True)
    newest = AddressFactory(user=user)

    assert list(list_addresses_for_user(user=user)) == [default, newest, older]


def test_get_default_address_is_none_for_a_guest():
    assert get_default_address(user=AnonymousUser()) is None
