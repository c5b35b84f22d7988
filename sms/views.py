"""Phone sign-in pages: the number, then the code. A signed-in shopper adds and verifies a number here."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView

from dhakacart.clients import client_ip_address
from dhakacart.contact import sms_enabled

from .exceptions import CodeLimitReached, InvalidCode
from .forms import CodeForm, PhoneForm
from .services.signin import request_code, verify_code

SESSION_PHONE = "sms_signin_phone"
SESSION_NEXT = "sms_signin_next"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SmsRequiredMixin:
    """Without SMS there is no code to send: the pages are not there."""

    def dispatch(self, request, *args, **kwargs):
        if not sms_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class PhoneView(SmsRequiredMixin, FormView):
    form_class = PhoneForm
    template_name = "sms/phone.html"

    def form_valid(self, form):
        phone = form.cleaned_data["phone"]
        try:
            request_code(phone=phone, client_address=client_ip_address(self.request), language=get_language())
        except CodeLimitReached as refusal:
            form.add_error(None, refusal.message)
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(refusal.extra["retry_after"])
            return response
        self.request.session[SESSION_PHONE] = phone
        next_url = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {self.request.get_host()}, self.request.is_secure()):
            self.request.session[SESSION_NEXT] = next_url
        return redirect("sms:code")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.request.GET.get("next", ""), **kwargs)


class CodeView(SmsRequiredMixin, FormView):
    form_class = CodeForm
    template_name = "sms/code.html"

    def dispatch(self, request, *args, **kwargs):
        if SESSION_PHONE not in request.session:
            return redirect("sms:phone")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone=self.request.session[SESSION_PHONE], **kwargs)

    def form_valid(self, form):
        phone = self.request.session[SESSION_PHONE]
        signed_in = self.request.user.is_authenticated
        try:
            account = verify_code(
                phone=phone, code=form.cleaned_data["code"], user=self.request.user if signed_in else None
            )
        except InvalidCode as refusal:
            form.add_error("code", refusal.message)
            return self.form_invalid(form)
        next_url = self.request.session.pop(SESSION_NEXT, "")
        del self.request.session[SESSION_PHONE]
        if signed_in:
            messages.success(self.request, _("Your mobile number is verified."))
            return redirect("accounts:profile")
        # user_logged_in: the guest cart merges in as on every other sign-in (checkout.signals).
        login(self.request, account, backend=MODEL_BACKEND)
        messages.success(self.request, _("You are signed in."))
        return redirect(next_url or reverse("orders:history"))
