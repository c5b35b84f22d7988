"""A signed-in shopper's own orders: list, detail, and cancelling a pending one."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .exceptions import InvalidTransition
from .payments import allow_forms_to_the_gateways
from .selectors import get_order_for_user, list_orders_for_user
from .services import cancel_order_as_shopper


class OrderHistoryView(LoginRequiredMixin, TemplateView):
    template_name = "orders/history.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        paginator = Paginator(list_orders_for_user(self.request.user), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, orders=page.object_list, **kwargs)


def _own_order(request, number):
    order = get_order_for_user(request.user, number)
    if order is None:  # someone else's order looks exactly like no order
        raise Http404(_("No such order."))
    return order


class OrderDetailView(LoginRequiredMixin, TemplateView):
    template_name = "orders/detail.html"

    def dispatch(self, request, *args, **kwargs):
        return allow_forms_to_the_gateways(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        order = _own_order(self.request, self.kwargs["number"])
        return super().get_context_data(order=order, shopper_can_cancel=order.shopper_can_cancel, **kwargs)


class OrderCancelView(LoginRequiredMixin, View):
    """Shoppers may cancel while the order is pending; once confirmed, staff decide."""

    http_method_names = ["post"]

    def post(self, request, number):
        order = _own_order(request, number)
        try:
            cancel_order_as_shopper(order=order, by=request.user)
        except InvalidTransition as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Order %(number)s is cancelled.") % {"number": order.number})
        return redirect("orders:detail", number=order.number)
