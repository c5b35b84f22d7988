from django.utils.translation import gettext_lazy as _

from dhakacart.exceptions import DomainError

STOCK_MOVED_MESSAGE = _(
    "Orders changed the stock to %(current)s since this page was opened. "
    "Reload the page and enter the stock again."
)


class StockMoved(DomainError):
    """Orders changed the stock since the staff member saw it; nothing was written.

    extra = {"current": the stock now}.
    """

    code = "stock_moved"

    def __init__(self, current: int):
        super().__init__(STOCK_MOVED_MESSAGE % {"current": current}, extra={"current": current})
