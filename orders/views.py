import uuid
from functools import cached_property

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.selectors import get_delivery_details
from checkout.cart import get_cart
from checkout.pricing import price_cart
from checkout.selectors import get_cart_summary
from dhakacart.exceptions import DomainError

from .exceptions import OrderError
from .forms import CheckoutForm, seen_cart_value, seen_pricing_value
from .models import DeliveryZone
from .payments import allow_forms_to_the_gateways, payment_redirect_url, start_payment
from .selectors import get_order_by_token, list_delivery_quotes
from .services import order_cart, zone_for_address


class CheckoutView(FormView):
    template_name = "orders/checkout.html"
    form_class = CheckoutForm

    def dispatch(self, request, *args, **kwargs):
        return allow_forms_to_the_gateways(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        if get_cart_summary(get_cart(request)).is_empty:
            messages.info(request, _("Your cart is empty. Add something before checking out."))
            return redirect("checkout:cart")
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        initial = {
            # One token per rendered form: submitting it twice makes one order.
            "checkout_token": uuid.uuid4().hex,
            **self.seen_values(),
            "delivery_zone": "inside_dhaka",
            "payment_method": "cod",
        }
        details = get_delivery_details(user=self.request.user)
        initial.update(details)
        if "city" in details:
            initial["delivery_zone"] = zone_for_address(area=details.get("area", ""), city=details["city"])
        return initial

    def post(self, request, *args, **kwargs):
        if "update_total" in request.POST:
            # The zone changed without JavaScript: show its total with the shopper's entries, place nothing.
            initial = {**request.POST.dict(), **self.seen_values()}  # what this page now shows
            form = self.get_form_class()(initial=initial, signed_in=request.user.is_authenticated)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "signed_in": self.request.user.is_authenticated}

    def get_context_data(self, **kwargs):
        quotes = {quote.zone: quote for quote in list_delivery_quotes(self.pricing)}
        fees = {zone: quote.fee for zone, quote in quotes.items()}
        totals = {zone: quote.total for zone, quote in quotes.items()}
        context = super().get_context_data(
            cart=self.summary, pricing=self.pricing, fees=fees, totals=totals, **kwargs
        )
        zone = context["form"]["delivery_zone"].value()
        chosen = quotes.get(zone) or quotes[DeliveryZone.INSIDE_DHAKA]
        context["chosen_zone"] = {"label": chosen.label, "fee": chosen.fee, "total": chosen.total}
        return context

    def seen_values(self) -> dict:
        """The hidden fields pinning what this page shows: the lines, and what the total is made of."""
        return {
            "seen_cart": seen_cart_value(self.summary.lines),
            "seen_pricing": seen_pricing_value(self.pricing, list_delivery_quotes(self.pricing)),
        }

    @cached_property
    def summary(self):
        return get_cart_summary(get_cart(self.request))

    @cached_property
    def pricing(self):
        voucher_code = get_cart(self.request).voucher_code()
        return price_cart(self.summary, voucher_code=voucher_code, user=self.request.user)

    def form_valid(self, form):
        try:
            order = order_cart(
                cart=get_cart(self.request),
                lines=form.cleaned_data["seen_cart"],
                customer=form.customer(),
                user=self.request.user,
                channel="web",
                language=get_language() or "en",
                idempotency_key=f"checkout:{form.cleaned_data['checkout_token']}",
                save_address=bool(form.cleaned_data.get("save_address")),
                voucher_code=self.pricing.voucher_code or None,
                shown=form.shown_total(),
            )
        except OrderError as error:
            return self._refused(form, error.message)
        if order.awaits_payment:
            return self._to_the_gateway(order)
        return redirect(order)

    def _to_the_gateway(self, order):
        """An online order is placed (stock taken); the shopper pays at the gateway. If it cannot be
        reached, the order page says so and offers "Pay now"."""
        try:
            # A double submit finds its order: back to the attempt already open, if any.
            return redirect((order.replayed and payment_redirect_url(order)) or start_payment(order=order))
        except DomainError as error:
            messages.error(self.request, error.message)
            return redirect(order)

    def form_invalid(self, form):
        stale = [error for name in self.seen_values() for error in form.errors.get(name, [])]
        if stale:  # hidden fields not as this page wrote them: show the page as it is now instead
            return self._refused(form, stale[0])
        return super().form_invalid(form)

    def _refused(self, form, message):
        """Show the message with the cart and total as they are now; the next submit orders those."""
        data = form.data.copy()
        for name, value in self.seen_values().items():
            data[name] = value
        refreshed = self.get_form_class()(data, signed_in=self.request.user.is_authenticated)
        refreshed.is_valid()
        refreshed.add_error(None, message)
        return self.render_to_response(self.get_context_data(form=refreshed))


class OrderConfirmationView(TemplateView):
    template_name = "orders/confirmation.html"

    def dispatch(self, request, *args, **kwargs):
        return allow_forms_to_the_gateways(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        order = get_order_by_token(self.kwargs["token"])
        if order is None:
            raise Http404(_("No such order."))
        return super().get_context_data(order=order, **kwargs)
