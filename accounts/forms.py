"""Forms check the shape of what was typed; the rules (unique e-mail, password strength) live in services."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dhakacart.address import validate_postcode
from dhakacart.phone import PhoneField

from .models import Address
from .services import request_password_reset

NEW_PASSWORD_HELP = _("At least 8 characters. Avoid common words, your name and only numbers.")


class SignupForm(forms.Form):
    """Field names match register_user's arguments, so its ValidationError lands on the right field."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = PhoneField()
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=NEW_PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirmation = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_confirmation")
        if password and again and password != again:
            self.add_error("password_confirmation", _("The two passwords are not the same."))
        return cleaned


class LoginForm(AuthenticationForm):
    """Django's sign-in form (fields `username` and `password`), with the e-mail as the login name."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("That e-mail address and password do not match an account. Please try again."),
        "inactive": _("This account is closed. Please contact us if you think this is a mistake."),
    }


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = PhoneField()


class AddressForm(forms.ModelForm):
    """A delivery address. Checkout reuses these fields, so the rule is declared on the field."""

    phone = PhoneField()
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=4,
        required=False,
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    class Meta:
        model = Address
        fields = ["full_name", "phone", "address_line", "area", "city", "postcode"]
        labels = {
            "full_name": _("Recipient's name"),
            "address_line": _("House, road and block"),
            "area": _("Area or thana"),
            "city": _("City or district"),
        }
        help_texts = {
            "address_line": _("For example: House 12, Road 5, Block C"),
            "area": _("For example: Dhanmondi"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "address_line": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "area": forms.TextInput(attrs={"autocomplete": "address-level3"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }


class AddressCreateForm(AddressForm):
    is_default = forms.BooleanField(label=_("Use as my default delivery address"), required=False)


class PasswordResetRequestForm(PasswordResetForm):
    """Queues the e-mail for any address typed; the task finds the account and makes the link."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def save(self, *, request, use_https=False, domain_override=None, **kwargs):
        """Django looks the account up here, before answering; this leaves that to the task."""
        domain = domain_override or request.get_host()
        request_password_reset(
            email=self.cleaned_data["email"],
            base_url=f"{'https' if use_https else 'http'}://{domain}",
            language=get_language(),
        )
