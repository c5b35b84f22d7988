"""Account pages: sign-up, sign-out, password change, password reset, profile and saved addresses.

Sign-in and the later password-reset steps are Django's own views, configured in urls.py.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dhakacart.money import fill_numbers

from .exceptions import EmailAlreadyRegistered
from .forms import AddressCreateForm, AddressForm, PasswordResetRequestForm, ProfileForm, SignupForm
from .models import Address
from .selectors import get_address_for_user, list_addresses_for_user
from .services import (
    create_address,
    delete_address,
    register_user,
    set_default_address,
    update_address,
    update_profile,
)
from .throttling import over_rate_limit

# A new account has just been checked by register_user; no other backend needs to vouch for it.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class RateLimitedFormMixin:
    """Refuse the form's POSTs beyond the client's budget for `rate_scope`: 429, the form, a message."""

    rate_scope: str

    def post(self, request, *args, **kwargs):
        if not over_rate_limit(self.rate_scope, request):
            return super().post(request, *args, **kwargs)
        seconds = settings.ACCOUNT_RATE_LIMITS[self.rate_scope][1]
        form = self.get_form()
        form.full_clean()
        form.add_error(
            None,
            fill_numbers(
                _("Too many attempts from your network. Please wait %(minutes)s minutes and try again."),
                minutes=seconds // 60,
            ),
        )
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(seconds)
        return response


class SignupView(RateLimitedFormMixin, FormView):
    rate_scope = "signup"
    template_name = "accounts/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        next_url = self.request.POST.get("next", self.request.GET.get("next", ""))
        return super().get_context_data(next=next_url, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = register_user(
                email=data["email"],
                full_name=data["full_name"],
                phone=data["phone"],
                password=data["password"],
            )
        except EmailAlreadyRegistered as error:
            form.add_error("email", error.message)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        login(self.request, user, backend=MODEL_BACKEND)
        messages.success(self.request, _("Welcome to DhakaCart, %(name)s!") % {"name": user.get_short_name()})
        return redirect(self._next_url())

    def _next_url(self) -> str:
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse_lazy("shop:home")


class PasswordResetView(RateLimitedFormMixin, auth_views.PasswordResetView):
    """Every address typed gets the same answer; the e-mail is queued (see request_password_reset)."""

    rate_scope = "password_reset"
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET with 405), so a link on another site cannot sign a shopper out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are signed out."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_initial(self):
        return {"full_name": self.request.user.full_name, "phone": self.request.user.phone}

    def form_valid(self, form):
        update_profile(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your details were saved."))
        return redirect("accounts:profile")


class AddressListView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/address_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(addresses=list_addresses_for_user(user=self.request.user), **kwargs)


class AddressCreateView(LoginRequiredMixin, FormView):
    template_name = "accounts/address_form.html"
    form_class = AddressCreateForm

    def get_initial(self):
        return {"full_name": self.request.user.full_name, "phone": self.request.user.phone}

    def form_valid(self, form):
        create_address(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Address saved."))
        return redirect("accounts:addresses")


class OwnAddressMixin(LoginRequiredMixin):
    """Loads the address named in the URL; someone else's (or none) is a 404, never a 403."""

    @cached_property
    def address(self) -> Address:
        try:
            return get_address_for_user(user=self.request.user, pk=self.kwargs["pk"])
        except Address.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(address=self.address, **kwargs)


class AddressUpdateView(OwnAddressMixin, FormView):
    template_name = "accounts/address_form.html"
    form_class = AddressForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.address}

    def form_valid(self, form):
        update_address(address=self.address, **form.cleaned_data)
        messages.success(self.request, _("Address updated."))
        return redirect("accounts:addresses")


class AddressDeleteView(OwnAddressMixin, TemplateView):
    template_name = "accounts/address_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        delete_address(address=self.address)
        messages.success(request, _("Address deleted."))
        return redirect("accounts:addresses")


class AddressSetDefaultView(OwnAddressMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        set_default_address(address=self.address)
        messages.success(request, _("Default address changed."))
        return redirect("accounts:addresses")
