"""Load the demo catalogue (shop/management/demo_catalogue.py) for `make run` and demos.

Every demo category and product is created, or reset to its demo values, by slug; rows that
are not part of the demo are left alone. Images are drawn with Pillow (no network) and written
through the default storage only when missing, so a second run is quick and stores nothing new.
"""

import random
import time
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import takewhile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from shop.management.demo_catalogue import CATEGORIES, DemoCategory, DemoProduct
from shop.models import Category, Product

IMAGE_SIZE = 600
NAME_WIDTH = 540


class Command(BaseCommand):
    help = "Create or reset the demo catalogue of categories and products, with images drawn locally."

    def handle(self, *args, **options):
        started = time.monotonic()
        self.images_drawn = 0
        with transaction.atomic():
            for position, demo_category in enumerate(CATEGORIES, start=1):
                category = self.seed_category(demo_category, position)
                for number, demo_product in enumerate(demo_category.products, start=1):
                    self.seed_product(demo_product, category, demo_category, number)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue ready: {len(CATEGORIES)} categories, "
                f"{sum(len(c.products) for c in CATEGORIES)} products "
                f"(images drawn: {self.images_drawn}) in {time.monotonic() - started:.1f} s."
            )
        )

    def seed_category(self, demo: DemoCategory, position: int) -> Category:
        image = self.image(f"categories/demo/{demo.slug}.jpg", title=demo.name, colour=demo.colour)
        category, _ = Category.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "name_bn": demo.name_bn,
                "description": demo.description,
                "position": position,
                "is_active": True,
                "parent": None,
                "image": image,
            },
        )
        return category

    def seed_product(self, demo: DemoProduct, category: Category, demo_category: DemoCategory, number: int):
        sku = f"DC-{demo_category.sku_code}-{number:03d}"
        image = self.image(f"products/demo/{sku.lower()}.jpg", title=demo.name, colour=demo_category.colour)
        Product.objects.update_or_create(
            slug=slugify(demo.name),
            defaults={
                "name": demo.name,
                "name_bn": demo.name_bn,
                "sku": sku,
                "category": category,
                "description": f"{demo.name} ({demo.name_bn}). {demo_category.description}",
                "price": Decimal(demo.price),
                "compare_at_price": Decimal(demo.compare_at_price) if demo.compare_at_price else None,
                "stock": demo_stock(demo, sku),
                "is_active": True,
                "image": image,
            },
        )

    def image(self, name: str, *, title: str, colour: str) -> str:
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(draw_image(title=title, colour=colour)))
            self.images_drawn += 1
        return name


def demo_stock(demo: DemoProduct, sku: str) -> int:
    if demo.stock is not None:
        return demo.stock
    # Seeded by SKU: the same figure on every run and every machine (demo data, not a secret).
    return random.Random(sku).randint(12, 150)  # noqa: S311


def draw_image(*, title: str, colour: str) -> bytes:
    """A square JPEG in the category's colour with the title's initials in a disc and the title below."""
    image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), colour)
    draw = ImageDraw.Draw(image)
    centre = IMAGE_SIZE // 2
    draw.ellipse((centre - 150, 90, centre + 150, 390), fill="white")
    draw.text((centre, 240), initials(title), font=font(130), fill=colour, anchor="mm")
    for line_number, line in enumerate(wrap(title, font(40), draw)):
        draw.text((centre, 450 + line_number * 50), line, font=font(40), fill="white", anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def initials(title: str) -> str:
    """ "Miniket Rice 5 kg" -> "MR", "Suji 500 g" -> "SU": the name, not its pack size."""
    name = takewhile(lambda word: not word[0].isdigit(), title.split())
    words = [word for word in name if word[0].isalpha()]
    if len(words) == 1:
        return words[0][:2].upper()
    return "".join(word[0] for word in words[:2]).upper()


def wrap(title: str, line_font: ImageFont.FreeTypeFont, draw: ImageDraw.ImageDraw) -> list[str]:
    lines = [""]
    for word in title.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and draw.textlength(candidate, font=line_font) > NAME_WIDTH:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines[:3]


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled font: the same on every machine, nothing to install or download.
    return ImageFont.load_default(size=size)
