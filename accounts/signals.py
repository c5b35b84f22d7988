"""What accounts tells the apps above it (it imports none of them): they connect in their ready()."""

from django.dispatch import Signal

# A shopper signed in through API v1 and was handed tokens, not a session (auth/token/,
# auth/register/, auth/otp/verify/): the apps' counterpart of Django's user_logged_in, which
# the pages' sign-ins send through login().
# Arguments: user, request (Django's HttpRequest, with the headers the app sent, Cart-Token
# among them). checkout merges the guest's cart on it.
app_signed_in = Signal()


def send_app_signed_in(*, request, user) -> None:
    """Every API v1 door that hands out tokens for a sign-in calls this once it has the user."""
    app_signed_in.send(sender=type(user), user=user, request=getattr(request, "_request", request))
