"""`make bench` is too slow for the test suite; these check that its parts load and fit together."""

import py_compile
from pathlib import Path

from django.test import RequestFactory

from bench import ceiling_settings, ceiling_urls, run

BENCH = Path(run.__file__).parent


def test_every_bench_module_compiles():
    for path in BENCH.rglob("*.py"):
        py_compile.compile(str(path), doraise=True)


def test_the_ceiling_is_one_view_without_middleware():
    assert ceiling_settings.MIDDLEWARE == []
    assert ceiling_settings.INSTALLED_APPS == []
    response = ceiling_urls.bare(RequestFactory().get("/"))
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_each_wrk_script_is_assembled_with_its_variables_and_the_common_report(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "VAR", tmp_path)
    scenario = run.Scenario(
        "Add to cart (form post)",
        script="add_to_cart.lua",
        variables={"sessions": [{"cookie": "sessionid=a", "token": 'x"y'}], "product_ids": [3, 5]},
    )
    text = run.script_for(scenario).read_text()
    assert 'sessions = {{["cookie"] = "sessionid=a", ["token"] = "x\\"y"}}' in text
    assert "product_ids = {3, 5}" in text
    assert text.count("function request()") == 1 and text.count("function done(") == 1
    # Every script a scenario names exists and asks for requests; common.lua reports.
    for name in ("get.lua", "random_list.lua", "add_to_cart.lua", "checkout.lua"):
        assert "function request()" in (BENCH / "wrk" / name).read_text()
    assert "function done(" in (BENCH / "wrk" / "common.lua").read_text()


def test_the_table_takes_the_median_repetition_by_its_ratio_to_the_ceiling_beside_it(monkeypatch):
    monkeypatch.setattr(run, "CONNECTIONS", [16])
    ceiling, page = run.Scenario("ceiling"), run.Scenario("page")

    def cell(rps, p99=10_000, beside=None):
        return {"rps": rps, "p50": 1_000, "p95": 5_000, "p99": p99, "errors": 0, "ceiling_rps": beside}

    results = {
        ("ceiling", 16): [cell(1000), cell(3000), cell(2000)],
        # Ratios 0.9, 0.25 and 0.05: the middle one is shown, though 900 req/s is the most.
        ("page", 16): [
            cell(900, p99=90_000, beside=1000),
            cell(500, p99=50_000, beside=2000),
            cell(100, beside=2000),
        ],
    }
    rows = run.table([ceiling, page], results)
    assert rows[2].startswith("| ceiling | 16 | 2,000 |") and "| 1.000 |" in rows[2]
    assert rows[3].startswith("| page | 16 | 500 |") and "| 50.0 |" in rows[3] and "| 0.250 |" in rows[3]


def test_a_cell_is_compared_with_the_ceiling_of_its_own_minutes():
    samples = [(10.0, 1000.0), (70.0, 3000.0), (130.0, 500.0)]

    assert run.nearby_ceiling(samples, 40.0) == 2000.0  # between the first two
    assert run.nearby_ceiling(samples, 5.0) == 1000.0 and run.nearby_ceiling(samples, 200.0) == 500.0
