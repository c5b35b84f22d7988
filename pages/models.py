from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class InfoPage(models.Model):
    """A footer page staff keep up to date (delivery, returns, contact), in English and Bangla.

    The body is plain text: blank lines make paragraphs, so staff cannot break the page's markup.
    """

    slug = models.SlugField(_("address"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120)
    title_bn = models.CharField(_("title in Bangla"), max_length=120, blank=True)
    body = models.TextField(_("text"))
    body_bn = models.TextField(_("text in Bangla"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ("slug",)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def _in_bangla(self) -> bool:
        return (get_language() or "").startswith("bn")

    @property
    def display_title(self) -> str:
        return self.title_bn if self.title_bn and self._in_bangla() else self.title

    @property
    def display_body(self) -> str:
        return self.body_bn if self.body_bn and self._in_bangla() else self.body
