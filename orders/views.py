import uuid
from functools import cached_property

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.selectors import get_default_address
from accounts.services import create_address
from shop.cart import get_cart
from shop.selectors import get_cart_summary

from .exceptions import OrderError
from .forms import CheckoutForm, seen_prices_value
from .models import DeliveryZone
from .selectors import get_order_by_token
from .services import OrderLine, delivery_fee, place_order, zone_for_city


class CheckoutView(FormView):
    template_name = "orders/checkout.html"
    form_class = CheckoutForm

    def get(self, request, *args, **kwargs):
        if get_cart_summary(get_cart(request)).is_empty:
            messages.info(request, _("Your cart is empty. Add something before checking out."))
            return redirect("shop:cart")
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        user = self.request.user
        initial = {
            # One token per rendered form: submitting it twice makes one order.
            "checkout_token": uuid.uuid4().hex,
            "seen_prices": seen_prices_value(self.summary.lines),
            "delivery_zone": "inside_dhaka",
            "payment_method": "cod",
        }
        if user.is_authenticated:
            initial.update(customer_name=user.full_name, email=user.email, phone=user.phone)
        address = get_default_address(user=user)
        if address is not None:
            initial.update(
                customer_name=address.full_name,
                phone=address.phone,
                address_line=address.address_line,
                area=address.area,
                city=address.city,
                postcode=address.postcode,
                delivery_zone=zone_for_city(address.city),
            )
        return initial

    def post(self, request, *args, **kwargs):
        if "update_total" in request.POST:
            # The zone changed without JavaScript: show its total with the shopper's entries, place nothing.
            form = self.get_form_class()(initial=request.POST.dict(), signed_in=request.user.is_authenticated)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "signed_in": self.request.user.is_authenticated}

    def get_context_data(self, **kwargs):
        fees = {zone: delivery_fee(zone) for zone in DeliveryZone.values}
        totals = {zone: self.summary.subtotal + fee for zone, fee in fees.items()}
        context = super().get_context_data(cart=self.summary, fees=fees, totals=totals, **kwargs)
        zone = context["form"]["delivery_zone"].value()
        zone = zone if zone in fees else DeliveryZone.INSIDE_DHAKA
        context["chosen_zone"] = {"label": DeliveryZone(zone).label, "fee": fees[zone], "total": totals[zone]}
        return context

    @cached_property
    def summary(self):
        return get_cart_summary(get_cart(self.request))

    def form_valid(self, form):
        seen = form.cleaned_data["seen_prices"]
        lines = [
            OrderLine(
                product_id=line.product.pk, quantity=line.quantity, expected_price=seen.get(line.product.pk)
            )
            for line in self.summary.lines
        ]
        try:
            order = place_order(
                lines=lines,
                customer=form.customer(),
                user=self.request.user,
                channel="web",
                language=get_language() or "en",
                idempotency_key=f"checkout:{form.cleaned_data['checkout_token']}",
            )
        except OrderError as error:
            return self._refused(form, error)
        get_cart(self.request).clear()
        if form.cleaned_data.get("save_address") and not order.replayed:
            create_address(
                user=self.request.user,
                full_name=order.customer_name,
                phone=order.phone,
                address_line=order.address_line,
                area=order.area,
                city=order.city,
                postcode=order.postcode,
            )
        return redirect(order)

    def _refused(self, form, error):
        """Show the message with the cart as it is now; the next submit uses today's prices."""
        data = form.data.copy()
        data["seen_prices"] = seen_prices_value(self.summary.lines)
        refreshed = self.get_form_class()(data, signed_in=self.request.user.is_authenticated)
        refreshed.is_valid()
        refreshed.add_error(None, error.message)
        return self.render_to_response(self.get_context_data(form=refreshed))


class OrderConfirmationView(TemplateView):
    template_name = "orders/confirmation.html"

    def get_context_data(self, **kwargs):
        order = get_order_by_token(self.kwargs["token"])
        if order is None:
            raise Http404(_("No such order."))
        return super().get_context_data(order=order, **kwargs)
