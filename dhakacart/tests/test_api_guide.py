"""The app developer's first hour: /api/v1/docs/ opens on a worked example of each flow."""

import pytest
import yaml
from django.conf import settings

pytestmark = pytest.mark.django_db

FLOWS = ["### 1. Browse", "### 2. A guest cart", "### 3. Sign in", "### 4. Order", "### 5. Track"]


def test_the_openapi_document_opens_with_the_guide_to_every_flow(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    description = document["info"]["description"]
    assert [flow for flow in FLOWS if flow not in description] == []
    assert "Cart-Token" in description and "Accept-Language: bn" in description


def test_every_path_the_guide_names_is_in_the_schema(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    guide = document["info"]["description"]

    named = {word.split("?")[0] for word in guide.replace("`", " ").split() if word.startswith("/api/v1/")}
    templates = [path.split("{")[0] for path in document["paths"]]
    assert named and all(any(path.startswith(template) for template in templates) for path in named), named


def test_the_interactive_docs_page_serves_the_guide(client):
    page = client.get("/api/v1/docs/")

    assert page.status_code == 200


def test_the_readme_links_the_docs_and_the_session_script():
    readme = (settings.BASE_DIR / "README.md").read_text()

    assert "/api/v1/docs/" in readme and "docs/app_session.py" in readme


def test_the_order_examples_in_the_schema_are_bodies_the_api_accepts(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)

    examples = document["paths"]["/api/v1/orders/"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]
    assert len(examples) == 3
    assert all("address_line" in example["value"] for example in examples.values())
