import factory
from factory.django import DjangoModelFactory, Password

from accounts.models import Address, User

PASSWORD = "a-Strong-passw0rd"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"shopper{number}@example.com")
    full_name = "Nusrat Jahan"
    phone = "+8801812345678"
    password = Password(PASSWORD)


class AddressFactory(DjangoModelFactory):
    """A saved address written directly, bypassing the default rule; pass is_default=True for at most one."""

    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    full_name = "Nusrat Jahan"
    phone = "+8801812345678"
    address_line = factory.Sequence(lambda number: f"House {number}, Road 5, Block C")
    area = "Dhanmondi"
    city = "Dhaka"
    postcode = "1209"
