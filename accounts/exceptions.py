from django.utils.translation import gettext_lazy as _

from dhakacart.exceptions import DomainError


class EmailAlreadyRegistered(DomainError):
    code = "email_taken"

    def __init__(self):
        super().__init__(
            _("An account with this e-mail address already exists. Sign in, or reset your password.")
        )
