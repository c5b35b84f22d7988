"""Make the missing renditions of every product and category image (images stored before
renditions existed, or restored from a backup). Safe to run again: existing files are kept."""

from django.core.management.base import BaseCommand

from shop.models import Category, Product
from shop.renditions import has_renditions, make_renditions


class Command(BaseCommand):
    help = "Store the missing small copies (renditions) of every product and category image."

    def handle(self, *args, **options):
        names = {
            *Product.objects.exclude(image="").values_list("image", flat=True),
            *Category.objects.exclude(image="").values_list("image", flat=True),
        }
        made = failed = 0
        for name in sorted(names):
            if has_renditions(name):
                continue
            try:
                make_renditions(name)
                made += 1
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"{name}: {error}")
        self.stdout.write(f"Renditions made for {made} of {len(names)} images; {failed} could not be read.")
        if failed:
            raise SystemExit(1)
