from django.http import Http404
from django.views.generic import TemplateView

from .models import InfoPage


class InfoPageView(TemplateView):
    template_name = "pages/info_page.html"

    def get_context_data(self, **kwargs):
        info_page = InfoPage.objects.filter(slug=self.kwargs["slug"]).first()
        if info_page is None:
            raise Http404
        return super().get_context_data(info_page=info_page, **kwargs)
