from django.db import migrations, models

PAGES = [
    {
        "slug": "delivery",
        "title": "Delivery",
        "title_bn": "ডেলিভারি",
        "body": (
            "We deliver across Bangladesh and you pay in cash when your order arrives.\n\n"
            "Inside Dhaka: ৳60, usually in 1–2 days.\n"
            "Outside Dhaka: ৳120, usually in 3–5 days.\n\n"
            "We call you before we come. Orders placed before 6 pm leave the same day."
        ),
        "body_bn": (
            "আমরা সারা বাংলাদেশে ডেলিভারি দিই, আর পণ্য হাতে পেয়ে আপনি নগদ টাকায় দাম দেন।\n\n"
            "ঢাকার ভেতরে: ৳৬০, সাধারণত ১–২ দিনে।\n"
            "ঢাকার বাইরে: ৳১২০, সাধারণত ৩–৫ দিনে।\n\n"
            "আসার আগে আমরা আপনাকে ফোন করি। সন্ধ্যা ৬টার আগে দেওয়া অর্ডার সেদিনই রওনা হয়।"
        ),
    },
    {
        "slug": "returns",
        "title": "Returns and refunds",
        "title_bn": "ফেরত ও টাকা ফেরত",
        "body": (
            "Check your order when it arrives. If something is damaged, wrong or missing, "
            "give it back to the delivery person and pay only for the rest.\n\n"
            "Unopened items can be returned within 7 days: call the hotline and we collect them. "
            "Fresh food cannot be returned once accepted.\n\n"
            "Refunds go to your bKash or bank account within 5 working days."
        ),
        "body_bn": (
            "পণ্য হাতে পেয়ে দেখে নিন। কিছু নষ্ট, ভুল বা কম থাকলে ডেলিভারিম্যানকে ফেরত দিন, "
            "বাকিগুলোর দাম দিন।\n\n"
            "না খোলা পণ্য ৭ দিনের মধ্যে ফেরত দেওয়া যায়: হটলাইনে ফোন করুন, আমরা নিয়ে যাব। "
            "তাজা খাবার একবার নিয়ে নিলে ফেরত হয় না।\n\n"
            "টাকা ৫ কর্মদিবসের মধ্যে আপনার বিকাশ বা ব্যাংক অ্যাকাউন্টে ফেরত যায়।"
        ),
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "title_bn": "যোগাযোগ",
        "body": (
            "Hotline: 09612-345678 (9 am to 9 pm, every day)\n"
            "E-mail: support@dhakacart.com.bd\n\n"
            "DhakaCart, House 12, Road 5, Dhanmondi, Dhaka 1205"
        ),
        "body_bn": (
            "হটলাইন: ০৯৬১২-৩৪৫৬৭৮ (প্রতিদিন সকাল ৯টা থেকে রাত ৯টা)\n"
            "ই-মেইল: support@dhakacart.com.bd\n\n"
            "ঢাকাকার্ট, বাড়ি ১২, রোড ৫, ধানমন্ডি, ঢাকা ১২০৫"
        ),
    },
]


def create_pages(apps, schema_editor):
    InfoPage = apps.get_model("pages", "InfoPage")
    for page in PAGES:
        InfoPage.objects.get_or_create(slug=page["slug"], defaults=page)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="InfoPage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=60, unique=True, verbose_name="address")),
                ("title", models.CharField(max_length=120, verbose_name="title")),
                ("title_bn", models.CharField(blank=True, max_length=120, verbose_name="title in Bangla")),
                ("body", models.TextField(verbose_name="text")),
                ("body_bn", models.TextField(blank=True, verbose_name="text in Bangla")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
            ],
            options={
                "verbose_name": "information page",
                "verbose_name_plural": "information pages",
                "ordering": ("slug",),
            },
        ),
        migrations.RunPython(create_pages, migrations.RunPython.noop),
    ]
