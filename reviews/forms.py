from django import forms
from django.utils.translation import gettext_lazy as _

from dhakacart.money import fill_numbers_lazy

from .models import MAX_RATING, MIN_RATING, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH

RATING_CHOICES = [(stars, str(stars)) for stars in range(MAX_RATING, MIN_RATING - 1, -1)]


class ReviewForm(forms.Form):
    """The review's shape; who may review is the service's business."""

    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating from 1 to 5 stars."),
            "invalid_choice": _("Choose a rating from 1 to 5 stars."),
        },
    )
    title = forms.CharField(
        label=_("Title (optional)"),
        max_length=TITLE_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": fill_numbers_lazy(
                _("Keep the title to %(limit_value)s characters."), limit_value=TITLE_MAX_LENGTH
            )
        },
    )
    text = forms.CharField(
        label=_("Your review (optional)"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In English or Bangla. What should other shoppers know?"),
        error_messages={
            "max_length": fill_numbers_lazy(
                _("Keep the review to %(limit_value)s characters."), limit_value=TEXT_MAX_LENGTH
            )
        },
    )
