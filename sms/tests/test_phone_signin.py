"""Phone sign-in: codes, their limits, the account of a number, and guest orders joining it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from orders.models import Order
from sms.exceptions import CodeLimitReached, InvalidCode
from sms.models import PhoneCode, VerifiedPhone
from sms.services.signin import request_code, verify_code

pytestmark = pytest.mark.django_db

PHONE = "+8801812345678"
HOME = "203.0.113.5"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Ask for a code as a shopper does: the request's transaction commits and the SMS goes."""

    def ask_(phone=PHONE, address=HOME, language="en"):
        with django_capture_on_commit_callbacks(execute=True):
            return request_code(phone=phone, client_address=address, language=language)

    return ask_


def code_sent(smsoutbox, phone=PHONE) -> str:
    texts = [sms.text for sms in smsoutbox if sms.to == phone]
    return re.search(r"\b([0-9]{6})\b", texts[-1]).group(1)


def other(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_a_new_number_gets_a_code_by_sms_that_makes_its_account(ask, smsoutbox):
    ask()

    account = verify_code(phone=PHONE, code=code_sent(smsoutbox))

    assert smsoutbox[0].text.startswith("DhakaCart sign-in code: ")
    assert account.phone == PHONE
    assert account.email == "8801812345678@phone.invalid"
    assert not account.has_usable_password()
    assert VerifiedPhone.objects.get(phone=PHONE).user == account


def test_the_next_sign_in_finds_the_same_account(ask, smsoutbox):
    ask()
    first = verify_code(phone=PHONE, code=code_sent(smsoutbox))
    ask()

    again = verify_code(phone=PHONE, code=code_sent(smsoutbox))

    assert again == first
    assert User.objects.count() == 1


def test_a_code_is_stored_only_as_a_keyed_hash(ask, smsoutbox):
    ask()

    code = code_sent(smsoutbox)
    row = PhoneCode.objects.get()
    assert code not in str(list(PhoneCode.objects.values().get().values()))
    assert len(row.code_hash) == 64


def test_a_bangla_shopper_gets_the_code_in_bangla_with_the_digits_to_type(ask, smsoutbox):
    ask(language="bn")

    assert smsoutbox[0].text.startswith("ঢাকাকার্ট সাইন-ইন কোড: ")
    assert re.search(r"[0-9]{6}", smsoutbox[0].text)


def test_the_fourth_try_fails_even_with_the_right_code(ask, smsoutbox):
    ask()
    code = code_sent(smsoutbox)
    for _ in range(3):
        with pytest.raises(InvalidCode):
            verify_code(phone=PHONE, code=other(code))

    with pytest.raises(InvalidCode):
        verify_code(phone=PHONE, code=code)

    assert User.objects.count() == 0
    assert PhoneCode.objects.get().failed_attempts == 3


def test_two_wrong_tries_leave_the_right_code_working(ask, smsoutbox):
    ask()
    code = code_sent(smsoutbox)
    for _ in range(2):
        with pytest.raises(InvalidCode):
            verify_code(phone=PHONE, code=other(code))

    assert verify_code(phone=PHONE, code=code).phone == PHONE


def test_an_expired_code_fails(ask, smsoutbox):
    ask()
    PhoneCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(InvalidCode):
        verify_code(phone=PHONE, code=code_sent(smsoutbox))


def test_a_used_code_fails_the_second_time(ask, smsoutbox):
    ask()
    code = code_sent(smsoutbox)
    verify_code(phone=PHONE, code=code)

    with pytest.raises(InvalidCode):
        verify_code(phone=PHONE, code=code)


def test_a_new_code_ends_the_one_before(ask, smsoutbox):
    ask()
    first = code_sent(smsoutbox)
    ask()
    second = code_sent(smsoutbox)

    if first != second:
        with pytest.raises(InvalidCode):
            verify_code(phone=PHONE, code=first)
    assert verify_code(phone=PHONE, code=second)


def test_the_fourth_code_in_fifteen_minutes_is_refused_and_not_sent(ask, smsoutbox):
    for _ in range(3):
        ask()

    with pytest.raises(CodeLimitReached) as refusal:
        ask()

    assert refusal.value.extra == {"retry_after": 900}
    assert len(smsoutbox) == 3
    assert PhoneCode.objects.count() == 3


def test_the_eleventh_code_in_a_day_is_refused(ask, smsoutbox):
    for _ in range(10):
        ask()
        PhoneCode.objects.update(created_at=timezone.now() - timedelta(minutes=20))

    with pytest.raises(CodeLimitReached) as refusal:
        ask()

    assert refusal.value.extra == {"retry_after": 86400}
    assert len(smsoutbox) == 10


def test_thirty_numbers_from_one_address_meet_the_address_limit(ask, smsoutbox):
    numbers = [f"+88017{n:08d}" for n in range(30)]
    refused = []
    for number in numbers:
        try:
            ask(phone=number)
        except CodeLimitReached as refusal:
            refused.append((number, refusal.extra["retry_after"]))

    assert [number for number, _ in refused] == numbers[20:]
    assert {wait for _, wait in refused} == {3600}
    assert len(smsoutbox) == 20


def test_one_number_from_thirty_addresses_meets_the_number_limit(ask, smsoutbox):
    refused = []
    for n in range(30):
        try:
            ask(address=f"198.51.100.{n}")
        except CodeLimitReached as refusal:
            refused.append(refusal.extra["retry_after"])

    assert refused == [900] * 27
    assert len(smsoutbox) == 3


def test_shoppers_behind_one_carrier_address_who_sign_in_never_use_up_its_limit(ask, smsoutbox):
    for n in range(40):
        number = f"+88019{n:08d}"
        ask(phone=number)
        verify_code(phone=number, code=code_sent(smsoutbox, number))

    assert User.objects.count() == 40


def test_guest_orders_of_the_number_join_the_account_only_once_it_is_verified(
    ask, place, rice, customer, smsoutbox
):
    from dataclasses import replace

    mine = place({rice: 1}, customer=replace(customer, phone=PHONE))
    someone_elses = place({rice: 1})  # another number
    ask()
    assert Order.objects.get(pk=mine.pk).user is None  # a code asked for is not a number proved

    account = verify_code(phone=PHONE, code=code_sent(smsoutbox))

    assert list(account.orders.all()) == [mine]
    assert Order.objects.get(pk=someone_elses.pk).user is None


def test_an_order_in_another_account_never_moves(ask, place, rice, customer, other_user, smsoutbox):
    from dataclasses import replace

    theirs = place({rice: 1}, customer=replace(customer, phone=PHONE), user=other_user)
    ask()

    account = verify_code(phone=PHONE, code=code_sent(smsoutbox))

    assert Order.objects.get(pk=theirs.pk).user == other_user
    assert account.orders.count() == 0


def test_an_email_account_adds_its_number_and_its_guest_orders(ask, place, rice, customer, user, smsoutbox):
    from dataclasses import replace

    guest_order = place({rice: 1}, customer=replace(customer, phone=PHONE))
    ask()

    account = verify_code(phone=PHONE, code=code_sent(smsoutbox), user=user)

    assert account == user
    assert VerifiedPhone.objects.get(phone=PHONE).user == user
    assert Order.objects.get(pk=guest_order.pk).user == user
    ask()
    assert verify_code(phone=PHONE, code=code_sent(smsoutbox)) == user  # and now signs in with it


def test_a_number_verified_later_by_another_account_moves_but_leaves_the_history(
    ask, place, rice, customer, user, other_user, smsoutbox
):
    from dataclasses import replace

    first_order = place({rice: 1}, customer=replace(customer, phone=PHONE))
    ask()
    verify_code(phone=PHONE, code=code_sent(smsoutbox), user=user)
    later_order = place({rice: 1}, customer=replace(customer, phone=PHONE))
    ask()

    verify_code(phone=PHONE, code=code_sent(smsoutbox), user=other_user)

    assert VerifiedPhone.objects.get(phone=PHONE).user == other_user
    assert not VerifiedPhone.objects.filter(user=user).exists()
    assert Order.objects.get(pk=first_order.pk).user == user
    assert Order.objects.get(pk=later_order.pk).user == other_user


def test_a_staff_account_cannot_sign_in_with_a_code(ask, staff_user, smsoutbox):
    VerifiedPhone.objects.create(user=staff_user, phone=PHONE, verified_at=timezone.now())
    ask()

    with pytest.raises(InvalidCode):
        verify_code(phone=PHONE, code=code_sent(smsoutbox))


def test_asking_for_a_code_says_nothing_about_whether_the_number_has_an_account(ask, user, smsoutbox):
    VerifiedPhone.objects.create(user=user, phone=PHONE, verified_at=timezone.now())

    known = ask()
    unknown = ask(phone="+8801999999999")

    assert known == unknown is None
    assert len(smsoutbox) == 2
