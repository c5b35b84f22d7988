"""Load the demo catalogue (shop/management/demo_catalogue.py) for `make run` and demos.

Every demo category and product is created, or reset to its demo values, by slug; rows that
are not part of the demo are left alone. Images are drawn with Pillow (no network, no words, so
they suit both languages) and written through the default storage, with their renditions, only
when missing, so a second run is quick and stores nothing new.

`--bulk N` adds N generated products (slugs bulk-00001 …) on top, for load tests: names, prices
and stock drawn from the demo products by a fixed seed, images shared with them, inserted in
batches; existing generated products are kept, so a second run adds only what is missing.
"""

import random
import time
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageColor, ImageDraw

from shop.cache import catalogue_changed
from shop.management.demo_catalogue import CATEGORIES, DemoCategory, DemoProduct
from shop.management.demo_descriptions import DESCRIPTIONS
from shop.models import Category, Product
from shop.renditions import ensure_renditions

CANVAS = 600  # the drawing's coordinates
IMAGE_SIZE = 640  # the stored size: the largest rendition, so none is scaled up


class Command(BaseCommand):
    help = "Create or reset the demo catalogue of categories and products, with images drawn locally."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bulk",
            type=int,
            default=0,
            metavar="N",
            help="Also create N generated products (for load tests), beyond the demo catalogue.",
        )

    def handle(self, *args, **options):
        if options["bulk"] < 0:
            raise CommandError("--bulk takes a number of products, 0 or more.")
        started = time.monotonic()
        self.images_drawn = 0
        with transaction.atomic():
            categories = [
                self.seed_category(demo, position) for position, demo in enumerate(CATEGORIES, start=1)
            ]
            # One product of each category in turn, so "New arrivals" (newest first) shows a mix.
            for number in range(1, max(len(demo.products) for demo in CATEGORIES) + 1):
                for category, demo_category in zip(categories, CATEGORIES, strict=True):
                    if number <= len(demo_category.products):
                        self.seed_product(demo_category.products[number - 1], category, demo_category, number)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue ready: {len(CATEGORIES)} categories, "
                f"{sum(len(c.products) for c in CATEGORIES)} products "
                f"(images drawn: {self.images_drawn}) in {time.monotonic() - started:.1f} s."
            )
        )
        if options["bulk"]:
            started = time.monotonic()
            created = seed_bulk(options["bulk"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated products: {created} added, {options['bulk']} in all, "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )

    def seed_category(self, demo: DemoCategory, position: int) -> Category:
        image = self.image(
            f"categories/demo/{demo.slug}.jpg", motif=demo.slug, colour=demo.colour, seed=demo.slug
        )
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
        image = self.image(
            f"products/demo/{sku.lower()}.jpg",
            motif=demo_category.slug,
            colour=demo_category.colour,
            seed=sku,
        )
        Product.objects.update_or_create(
            slug=slugify(demo.name),
            defaults={
                "name": demo.name,
                "name_bn": demo.name_bn,
                "sku": sku,
                "category": category,
                "description": DESCRIPTIONS[demo.name][0],
                "description_bn": DESCRIPTIONS[demo.name][1],
                "price": Decimal(demo.price),
                "compare_at_price": Decimal(demo.compare_at_price) if demo.compare_at_price else None,
                "stock": demo_stock(demo, sku),
                "is_active": True,
                "image": image,
            },
        )

    def image(self, name: str, *, motif: str, colour: str, seed: str) -> str:
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(draw_image(motif=motif, colour=colour, seed=seed)))
            self.images_drawn += 1
        ensure_renditions(name)
        return name


BULK_BATCH = 1000


def seed_bulk(count: int) -> int:
    """Create the generated products bulk-00001 … bulk-<count> that are missing; returns how many
    were added. Each copies a demo product's category and image, with its own name, SKU, price
    and stock, so lists, search (English and Bangla) and sorting have real variety to work on."""
    templates = list(Product.objects.filter(sku__startswith="DC-").select_related("category").order_by("sku"))
    if not templates:
        raise CommandError("The demo catalogue is missing; run seed_demo without --bulk first.")
    existing = set(Product.objects.filter(slug__startswith="bulk-").values_list("slug", flat=True))
    rng = random.Random(20260403)  # noqa: S311 - generated demo data, not a secret
    created = 0
    batch = []
    for number in range(1, count + 1):
        template = templates[rng.randrange(len(templates))]
        price = (template.price * Decimal(rng.randint(70, 140)) / 100).quantize(Decimal("1.00"))
        stock = rng.choice([0, 3, 20, 80, 150, 400])
        slug = f"bulk-{number:05d}"
        if slug in existing:
            continue
        batch.append(
            Product(
                name=f"{template.name} {number}",
                name_bn=f"{template.name_bn} {number}" if template.name_bn else "",
                slug=slug,
                sku=f"BULK-{number:05d}",
                category=template.category,
                description=template.description,
                description_bn=template.description_bn,
                price=max(price, Decimal("1.00")),
                stock=stock,
                is_active=True,
                image=template.image.name,
            )
        )
        if len(batch) == BULK_BATCH:
            created += _insert(batch)
            batch = []
    created += _insert(batch)
    if created:
        catalogue_changed()  # bulk_create sends no post_save, so cached pages are told here
    return created


def _insert(batch: list[Product]) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        Product.objects.bulk_create(batch)
    return len(batch)


def demo_stock(demo: DemoProduct, sku: str) -> int:
    if demo.stock is not None:
        return demo.stock
    # Seeded by SKU: the same figure on every run and every machine (demo data, not a secret).
    return random.Random(sku).randint(12, 150)  # noqa: S311


def draw_image(*, motif: str, colour: str, seed: str) -> bytes:
    """A square JPEG with no words on it (it serves both languages): the category's object drawn
    in white on its colour, over a pattern of dots placed by `seed` so each product looks its own."""
    image = Image.new("RGB", (CANVAS, CANVAS), colour)
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)  # noqa: S311 - demo artwork, not a secret
    light = blend(colour, "#ffffff", 0.22)
    for _ in range(14):
        x, y, r = rng.randint(0, CANVAS), rng.randint(0, CANVAS), rng.randint(18, 70)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=light)
    draw.ellipse((110, 110, 490, 490), fill=blend(colour, "#ffffff", 0.35))
    accent = blend(colour, "#000000", 0.25)
    MOTIFS.get(motif, draw_box)(draw, colour, accent)
    image = image.resize((IMAGE_SIZE, IMAGE_SIZE), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def blend(colour: str, other: str, amount: float) -> tuple[int, int, int]:
    first, second = ImageColor.getrgb(colour), ImageColor.getrgb(other)
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def draw_sack(draw, colour, accent):
    draw.rounded_rectangle((190, 230, 410, 450), radius=50, fill="white")
    draw.polygon([(215, 240), (300, 170), (385, 240)], fill="white")
    draw.rectangle((255, 215, 345, 235), fill=accent)
    draw.rounded_rectangle((240, 300, 360, 380), radius=16, fill=colour)


def draw_bowl(draw, colour, accent):
    for x, y in [(250, 255), (300, 240), (350, 255), (275, 230), (325, 228)]:
        draw.ellipse((x - 26, y - 26, x + 26, y + 26), fill=accent)
    draw.chord((170, 170, 430, 430), 0, 180, fill="white")
    draw.rectangle((250, 425, 350, 445), fill="white")


def draw_bottle(draw, colour, accent):
    draw.rectangle((275, 150, 325, 200), fill=accent)
    draw.polygon([(270, 200), (330, 200), (370, 270), (230, 270)], fill="white")
    draw.rounded_rectangle((230, 260, 370, 455), radius=26, fill="white")
    draw.rectangle((245, 320, 355, 390), fill=colour)


def draw_jar(draw, colour, accent):
    draw.rounded_rectangle((235, 175, 365, 215), radius=10, fill=accent)
    draw.rounded_rectangle((215, 210, 385, 450), radius=40, fill="white")
    draw.ellipse((265, 285, 335, 355), fill=colour)


def draw_fish(draw, colour, accent):
    draw.ellipse((160, 230, 400, 370), fill="white")
    draw.polygon([(390, 300), (460, 240), (460, 360)], fill="white")
    draw.ellipse((205, 280, 230, 305), fill=accent)
    draw.arc((250, 250, 330, 350), 300, 60, fill=colour, width=8)


def draw_fruit(draw, colour, accent):
    draw.ellipse((185, 210, 415, 440), fill="white")
    draw.line((300, 215, 310, 160), fill=accent, width=12)
    draw.ellipse((310, 150, 390, 195), fill=accent)


def draw_cup(draw, colour, accent):
    draw.polygon([(215, 200), (385, 200), (360, 450), (240, 450)], fill="white")
    draw.rectangle((205, 185, 395, 210), fill=accent)
    draw.line((330, 185, 360, 120), fill="white", width=14)
    draw.rectangle((232, 280, 368, 340), fill=colour)


def draw_tube(draw, colour, accent):
    draw.rectangle((285, 150, 315, 200), fill=accent)
    draw.rectangle((255, 135, 345, 155), fill=accent)
    draw.rounded_rectangle((240, 195, 360, 455), radius=30, fill="white")
    draw.ellipse((270, 290, 330, 350), fill=colour)


def draw_shirt(draw, colour, accent):
    draw.polygon(
        [
            (230, 180),
            (265, 165),
            (335, 165),
            (370, 180),
            (440, 250),
            (400, 295),
            (370, 270),
            (370, 445),
            (230, 445),
            (230, 270),
            (200, 295),
            (160, 250),
        ],
        fill="white",
    )
    draw.polygon([(265, 165), (300, 215), (335, 165)], fill=accent)


def draw_phone(draw, colour, accent):
    draw.rounded_rectangle((215, 150, 385, 455), radius=30, fill="white")
    draw.rounded_rectangle((232, 185, 368, 400), radius=8, fill=accent)
    draw.ellipse((288, 415, 312, 439), fill=colour)


def draw_pot(draw, colour, accent):
    draw.rounded_rectangle((180, 250, 420, 430), radius=36, fill="white")
    draw.rectangle((165, 230, 435, 255), fill="white")
    draw.rounded_rectangle((130, 270, 185, 295), radius=10, fill="white")
    draw.rounded_rectangle((415, 270, 470, 295), radius=10, fill="white")
    draw.ellipse((280, 195, 320, 230), fill=accent)


def draw_box(draw, colour, accent):
    draw.rounded_rectangle((200, 200, 400, 420), radius=20, fill="white")
    draw.rectangle((285, 200, 315, 420), fill=accent)


MOTIFS = {
    "rice-grains": draw_sack,
    "lentils": draw_bowl,
    "oil-ghee": draw_bottle,
    "spices-salt-sugar": draw_jar,
    "fish-meat": draw_fish,
    "vegetables-fruits": draw_fruit,
    "snacks-drinks": draw_cup,
    "beauty-personal-care": draw_tube,
    "fashion": draw_shirt,
    "electronics": draw_phone,
    "home-kitchen": draw_pot,
}
