"""Account events other apps act on.

`app_signed_in` is the API's "a user just signed in" (the pages have Django's user_logged_in,
which merges the session cart): sent with the request by the API's sign-in paths
(`auth/otp/verify/`), so a guest cart the app sent along can join the member's cart.
"""

from django.dispatch import Signal

app_signed_in = Signal()  # sender=User class, request, user
