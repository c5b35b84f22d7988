"""`make bench`: the shop in its production configuration on this machine, under bounded load
from wrk, beside a bare Django view (no middleware) served by the same gunicorn settings.

Steps: a fresh PostgreSQL database and Redis db, migrations, the demo catalogue plus
BENCH_PRODUCTS generated products, collectstatic; gunicorn with gunicorn.conf.py for the shop and
for the ceiling, a Celery worker; then every scenario at 16 and 64 connections, BENCH_REPS times,
interleaved (one pass over all cells per repetition) so drift on a shared machine hits every
cell alike. The median repetition of each cell goes into one table, printed and written with the
versions and the core count to bench/results.md. Everything listens on 127.0.0.1 only and every
wrk run stops by itself after BENCH_DURATION seconds.
"""

import http.client
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import subprocess  # nosec B404 - runs our own tools with fixed arguments
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "10000"))
REPS = int(os.environ.get("BENCH_REPS", "2"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "16,64").split(",")]
WORKERS = os.environ.get("BENCH_WEB_CONCURRENCY", "4")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dc_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SHOP_PORT = int(os.environ.get("BENCH_SHOP_PORT", "8101"))
# While tuning: BENCH_ONLY=detail,cold runs only the scenarios whose names contain one of these
# (the ceiling always runs) and writes var/bench/results.md, not bench/results.md; BENCH_REUSE=1
# keeps the database and catalogue of the previous run (the cache is emptied all the same).
ONLY = [part.strip() for part in os.environ.get("BENCH_ONLY", "").split(",") if part.strip()]
REUSE = os.environ.get("BENCH_REUSE") == "1"
CEILING_PORT = int(os.environ.get("BENCH_CEILING_PORT", "8102"))
ORDER_RATE = 20  # orders per second placed during the "while orders are placed" scenario
BIG_STOCK = 10_000_000
SOLD_OUT_STOCK = 300
CEILING_EVERY = 4  # cells between two measurements of the ceiling (at every connection count)
LAST_PAGE = 400  # random list pages are drawn from 1 … this (10,000 products / 24 a page ≈ 417)

SHOP = f"http://127.0.0.1:{SHOP_PORT}"

ORDER_CUSTOMER = {
    "customer_name": "Bench Shopper",
    "customer_email": "bench@example.com",
    "customer_phone": "01712345678",
    "address_line": "House 1, Road 2",
    "area": "Dhanmondi",
    "city": "Dhaka",
}


def shop_environment() -> dict:
    """Production settings (DEBUG off, manifest static files, real e-mail settings) with what a
    loopback run over plain HTTP needs: no TLS redirect or secure-only cookies, and API
    throttles high enough not to be what is measured."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": SHOP,
        "EMAIL_URL": "consolemail://",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "bench",
        "MEDIA_ROOT": str(VAR / "media"),
        "PROMETHEUS_MULTIPROC_DIR": str(VAR / "prometheus"),
        "WEB_CONCURRENCY": WORKERS,
        "API_THROTTLE_ANON": "1000000/s",
        "API_THROTTLE_ANON_ADDRESS": "1000000/s",
        "API_THROTTLE_USER": "1000000/s",
        "API_THROTTLE_ORDERS": "1000000/s",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


# --- Setting up --------------------------------------------------------------------------------


def say(message: str) -> None:
    sys.stdout.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stdout.flush()


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(  # noqa: S603  # nosec B603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def fresh_database() -> None:
    import psycopg
    import redis

    parts = urllib.parse.urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"BENCH_DATABASE_URL names an unusual database: {name!r}")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    redis.Redis.from_url(REDIS_URL).flushdb()


def shop_sql(query: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def prepare(env: dict) -> None:
    if REUSE and (VAR / "prepared").exists():
        shutil.rmtree(VAR / "prometheus", ignore_errors=True)
        (VAR / "prometheus").mkdir(parents=True)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        say("reusing the database of the previous run")
        return
    shutil.rmtree(VAR, ignore_errors=True)
    (VAR / "prometheus").mkdir(parents=True)
    say(f"fresh database {DATABASE_URL.rsplit('/', 1)[-1]} and Redis {REDIS_URL}")
    fresh_database()
    manage("migrate", "--noinput", env=env)
    say(f"demo catalogue plus {PRODUCTS:,} generated products")
    say(manage("seed_demo", "--bulk", str(PRODUCTS), env=env).strip())
    manage("collectstatic", "--noinput", env=env)
    (VAR / "prepared").touch()


def start(name: str, command: list[str], env: dict) -> subprocess.Popen:
    log = open(VAR / f"{name}.log", "wb")  # noqa: SIM115 - open for the process's lifetime
    return subprocess.Popen(  # noqa: S603  # nosec B603
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310  # nosec B310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s; see {VAR}/*.log")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# --- Shoppers and orders -----------------------------------------------------------------------


@dataclass
class Shopper:
    cookie: str
    token: str


def new_shopper(product_id: int) -> Shopper:
    """A shopper as a browser makes one: the list page sets the CSRF cookie, adding a product
    to the cart starts the session (so the header shows a cart count)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{SHOP}/products/", timeout=10).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "product_id": product_id, "quantity": 1})
    opener.open(
        urllib.request.Request(f"{SHOP}/cart/add/", data=body.encode(), headers={"Referer": f"{SHOP}/"}),  # noqa: S310
        timeout=10,
    ).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("Adding to the cart started no session; the shopper scenarios would be wrong.")
    return Shopper(cookie="; ".join(f"{k}={v}" for k, v in cookies.items()), token=token)


def order_body(product_id: int, quantity: int = 1) -> str:
    return json.dumps({**ORDER_CUSTOMER, "items": [{"product_id": product_id, "quantity": quantity}]})


class SteadyOrders(threading.Thread):
    """Places guest orders through API v1 at a steady rate until stopped."""

    def __init__(self, product_id: int, rate: float):
        super().__init__(daemon=True)
        self.body = order_body(product_id).encode()
        self.interval = 1 / rate
        self.halt = threading.Event()
        self.statuses: dict[int, int] = {}

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", SHOP_PORT, timeout=10)
        next_at = time.monotonic()
        while not self.halt.is_set():
            headers = {"Content-Type": "application/json", "Idempotency-Key": f"steady-{uuid.uuid4().hex}"}
            try:
                connection.request("POST", "/api/v1/orders/", body=self.body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                self.statuses[answer.status] = self.statuses.get(answer.status, 0) + 1
            except OSError:
                self.statuses[0] = self.statuses.get(0, 0) + 1
                connection.close()
            next_at += self.interval
            self.halt.wait(max(0.0, next_at - time.monotonic()))
        connection.close()


# --- Scenarios ---------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    script: str = "get.lua"
    path: str = "/"
    port: int = SHOP_PORT
    ok: tuple[int, ...] = (200,)
    variables: dict = field(default_factory=dict)
    before: object = None  # called before each run (e.g. resets the stock)
    during: object = None  # a context started around each run (orders placed meanwhile)
    after: object = None  # called with the run's result; returns a note, or raises on a wrong result


def lua_value(value) -> str:
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid Lua string for what we pass
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua_value(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def script_for(scenario: Scenario) -> Path:
    variables = {"path_wanted": scenario.path, "headers_extra": {}, **scenario.variables}
    text = "".join(f"{name} = {lua_value(value)}\n" for name, value in variables.items())
    text += (BENCH / "wrk" / scenario.script).read_text() + (BENCH / "wrk" / "common.lua").read_text()
    path = VAR / f"{re.sub(r'[^a-z0-9]+', '-', scenario.name.lower())}.lua"
    path.write_text(text)
    return path


def wrk(scenario: Scenario, connections: int, seconds: int) -> dict:
    script = script_for(scenario)
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{scenario.port}{scenario.path}",
    ]
    output = subprocess.run(  # noqa: S603  # nosec B603
        command, capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    statuses = {int(k): v for k, v in result["statuses"].items()}
    result["statuses"] = statuses
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = (
        result["socket_errors"]
        + result["timeouts"]
        + sum(count for status, count in statuses.items() if status not in scenario.ok)
    )
    return result


def drain(seconds: float = 30) -> None:
    """Wait until the shop has worked off the requests still queued when wrk stopped, so they
    do not slow the next cell (or hide orders from a stock check)."""
    deadline, quick = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and quick < 2:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{SHOP}/health", timeout=10) as answer:  # noqa: S310  # nosec B310
                answer.read()
        except OSError:
            pass
        quick = quick + 1 if time.monotonic() - started < 0.2 else 0
        time.sleep(0.2)


def run_cell(scenario: Scenario, connections: int) -> dict:
    if scenario.before:
        scenario.before()
    helper = scenario.during() if scenario.during else None
    if helper:
        helper.start()
    try:
        result = wrk(scenario, connections, DURATION)
    finally:
        if helper:
            helper.halt.set()
            helper.join(timeout=10)
    drain()
    if scenario.after:
        result["note"] = scenario.after(result)
    return result


def build_scenarios() -> tuple[list[Scenario], dict]:
    demo = shop_sql("SELECT id, slug FROM shop_product WHERE sku = 'DC-RICE-001'") or shop_sql(
        "SELECT id, slug FROM shop_product WHERE sku LIKE 'DC-%%' AND stock > 0 ORDER BY sku LIMIT 1"
    )
    detail_id, detail_slug = demo[0]
    category_slug = shop_sql(
        "SELECT c.slug FROM shop_category c JOIN shop_product p ON p.category_id = c.id "
        "GROUP BY c.slug ORDER BY count(*) DESC LIMIT 1"
    )[0][0]
    in_stock = [
        row[0] for row in shop_sql("SELECT id FROM shop_product WHERE stock >= 20 ORDER BY id LIMIT 200")
    ]
    big, sold_out = in_stock[-1], in_stock[-2]
    shop_sql("UPDATE shop_product SET stock = %s WHERE id = %s", (BIG_STOCK, big))
    shoppers = [new_shopper(in_stock[i % len(in_stock)]) for i in range(64)]
    facts: dict = {"checkout": []}

    def big_stock() -> int:
        return shop_sql("SELECT stock FROM shop_product WHERE id = %s", (big,))[0][0]

    def orders_of_run(scenario: Scenario) -> int:
        """Orders this run made, once requests still in flight when wrk stopped have finished."""
        pattern = f"%bench-{scenario.variables['run_id']}-%"
        count, deadline = -1, time.monotonic() + 15
        while time.monotonic() < deadline:
            time.sleep(1)
            now = shop_sql("SELECT count(*) FROM orders_order WHERE idempotency_key LIKE %s", (pattern,))[0][
                0
            ]
            if now == count:
                break
            count = now
        return count

    checkout_state = {}

    def before_checkout():
        checkout_state["stock"] = big_stock()

    def after_checkout(result):
        placed = orders_of_run(checkout)
        sold = checkout_state["stock"] - big_stock()
        right = sold == placed >= result["statuses"].get(201, 0)
        facts["checkout"].append(right)
        return f"{placed} orders, stock {'exactly right' if right else f'WRONG (down by {sold})'}"

    def before_sold_out():
        shop_sql("UPDATE shop_product SET stock = %s WHERE id = %s", (SOLD_OUT_STOCK, sold_out))

    def after_sold_out(result):
        placed = orders_of_run(sold_out_run)
        stock = shop_sql("SELECT stock FROM shop_product WHERE id = %s", (sold_out,))[0][0]
        answers = set(result["statuses"]) <= {201, 409}
        right = stock >= 0 and SOLD_OUT_STOCK - stock == placed and answers
        facts["checkout"].append(right)
        return f"{placed} sold then 409, stock left {stock}" + ("" if right else " WRONG")

    quoted = urllib.parse.quote
    scenarios = [
        Scenario("ceiling: bare Django view, no middleware", port=CEILING_PORT),
        Scenario("/health through the middleware", path="/health"),
        Scenario("home", path="/"),
        Scenario("list page 1", path="/products/"),
        Scenario("list, deep page (300)", path="/products/?page=300"),
        Scenario(
            "list, filtered and sorted",
            path="/products/?category=rice-grains&min_price=100&max_price=1000&sort=price_asc",
        ),
        Scenario("search, English", path="/products/?q=rice"),
        Scenario("search, Bangla", path="/products/?q=" + quoted("চাল")),
        Scenario("category page", path=f"/category/{category_slug}/"),
        Scenario("product detail", path=f"/products/{detail_slug}/"),
        Scenario(
            "list page 1 with a shopper session",
            path="/products/",
            variables={"headers_extra": {"Cookie": shoppers[0].cookie}},
        ),
        Scenario(
            "home with a shopper session",
            path="/",
            variables={"headers_extra": {"Cookie": shoppers[0].cookie}},
        ),
        Scenario(
            "product detail with a shopper session",
            path=f"/products/{detail_slug}/",
            variables={"headers_extra": {"Cookie": shoppers[0].cookie}},
        ),
        Scenario(
            "list, random page and sort (cold)", script="random_list.lua", variables={"last_page": LAST_PAGE}
        ),
        Scenario(
            f"list page 1 while {ORDER_RATE} orders/s are placed",
            path="/products/",
            during=lambda: SteadyOrders(big, ORDER_RATE),
        ),
        Scenario("API v1 product list", path="/api/v1/products/"),
        Scenario("legacy /api/products", path="/api/products"),
        Scenario(
            "add to cart (form post)",
            script="add_to_cart.lua",
            ok=(302,),
            variables={
                "sessions": [{"cookie": s.cookie, "token": s.token} for s in shoppers],
                "product_ids": in_stock,
            },
        ),
    ]
    checkout = Scenario(
        "checkout, API v1 (Idempotency-Key)",
        script="checkout.lua",
        ok=(201,),
        variables={"order_body": order_body(big), "run_id": "x"},
        before=before_checkout,
        after=after_checkout,
    )
    sold_out_run = Scenario(
        f"checkout, sold-out run (stock {SOLD_OUT_STOCK})",
        script="checkout.lua",
        ok=(201, 409),
        variables={"order_body": order_body(sold_out), "run_id": "x"},
        before=before_sold_out,
        after=after_sold_out,
    )
    scenarios += [checkout, sold_out_run]
    if ONLY:
        scenarios = scenarios[:1] + [s for s in scenarios[1:] if any(part in s.name for part in ONLY)]
    return scenarios, facts


# --- The table ---------------------------------------------------------------------------------


def median_run(runs: list[dict]) -> dict:
    """The median repetition of a cell, by its ratio to the ceiling measured beside it."""
    ordered = sorted(runs, key=lambda r: r["rps"] / (r.get("ceiling_rps") or 1))
    return ordered[(len(ordered) - 1) // 2]


def nearby_ceiling(samples: list[tuple[float, float]], at: float) -> float:
    """The ceiling's req/s at a moment: the mean of the samples just before and just after it
    (the one nearest at either end of the run). The machine's speed drifts by 2× within
    minutes, so a cell is compared with the ceiling of its own minutes, not of the run."""
    before = [rps for moment, rps in samples if moment <= at]
    after = [rps for moment, rps in samples if moment > at]
    near = ([before[-1]] if before else []) + ([after[0]] if after else [])
    return sum(near) / len(near)


def versions() -> list[str]:
    import django
    import gunicorn

    postgres = shop_sql("SHOW server_version")[0][0]
    import redis

    redis_version = redis.Redis.from_url(REDIS_URL).info("server")["redis_version"]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0]  # noqa: S607  # nosec B607
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown",
    )
    return [
        f"- Cores: {os.cpu_count()} ({cpu}); {WORKERS} gunicorn sync workers (gunicorn.conf.py) per server",
        f"- Python {platform.python_version()}, Django {django.__version__}, gunicorn {gunicorn.__version__}",
        f"- PostgreSQL {postgres}, Redis {redis_version}, {wrk_version.strip()}",
        f"- Catalogue: the demo products plus {PRODUCTS:,} generated ones; {REPS} interleaved repetitions of "
        f"{DURATION} s per cell; the ceiling measured again every {CEILING_EVERY} cells, each cell's ratio "
        "taken to the ceiling of its own minutes, and the median repetition (by that ratio) shown",
    ]


def table(scenarios: list[Scenario], results: dict) -> list[str]:
    lines = [
        "| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to ceiling | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for scenario in scenarios:
        for connections in CONNECTIONS:
            run = median_run(results[(scenario.name, connections)])
            ratio = run["rps"] / run["ceiling_rps"] if scenario is not scenarios[0] else 1
            lines.append(
                f"| {scenario.name} | {connections} | {run['rps']:,.0f} | {run['p50'] / 1000:.1f} | "
                f"{run['p95'] / 1000:.1f} | {run['p99'] / 1000:.1f} | {run['errors']} | "
                f"{ratio:.3f} | {run.get('note', '')} |"
            )
    return lines


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    started = time.monotonic()
    env = shop_environment()
    prepare(env)
    gunicorn = str(BIN / "gunicorn")
    # The ceiling has no metrics: without the directory, gunicorn.conf.py's hooks do nothing.
    ceiling_env = {k: v for k, v in env.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    ceiling_env["GUNICORN_BIND"] = f"127.0.0.1:{CEILING_PORT}"
    processes = [
        start(
            "shop",
            [gunicorn, "-c", "gunicorn.conf.py", "dhakacart.wsgi"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{SHOP_PORT}"},
        ),
        start(
            "ceiling",
            [gunicorn, "-c", "gunicorn.conf.py", "bench.ceiling_wsgi"],
            ceiling_env,
        ),
        start(
            "celery",
            [str(BIN / "celery"), "-A", "dhakacart", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
            env,
        ),
    ]
    try:
        wait_until_up(f"{SHOP}/health")
        wait_until_up(f"http://127.0.0.1:{CEILING_PORT}/")
        scenarios, facts = build_scenarios()
        say("warming up: every page once, then 1 s of load on each read")
        for scenario in scenarios:
            if scenario.script == "get.lua":
                wrk(scenario, 8, 1)
                drain()
        results: dict = {}
        ceiling = scenarios[0]
        samples: dict[int, list[tuple[float, float]]] = {c: [] for c in CONNECTIONS}

        def measure_ceiling() -> None:
            for connections in CONNECTIONS:
                middle = time.monotonic() + DURATION / 2
                sample = run_cell(ceiling, connections)
                samples[connections].append((middle, sample["rps"]))
                results.setdefault((ceiling.name, connections), []).append(sample)

        cells = [(s, c) for s in scenarios[1:] for c in CONNECTIONS]
        for rep in range(REPS):
            # Each repetition starts elsewhere in the list, so no cell always runs first or last.
            shift = (rep * len(cells)) // REPS
            for index, (scenario, connections) in enumerate(cells[shift:] + cells[:shift]):
                if index % CEILING_EVERY == 0:
                    measure_ceiling()
                if scenario.script == "checkout.lua":
                    scenario.variables["run_id"] = uuid.uuid4().hex[:12]
                middle = time.monotonic() + DURATION / 2
                result = run_cell(scenario, connections)
                result["at"] = middle
                results.setdefault((scenario.name, connections), []).append(result)
                say(
                    f"rep {rep + 1}/{REPS} {scenario.name} @{connections}: {result['rps']:,.0f} req/s, "
                    f"p99 {result['p99'] / 1000:.0f} ms, errors {result['errors']} {result.get('note', '')}"
                )
        measure_ceiling()
        for (name, connections), runs in results.items():
            for result in runs:
                if name != ceiling.name:
                    result["ceiling_rps"] = nearby_ceiling(samples[connections], result["at"])
        rows = table(scenarios, results)
        header = versions()
    finally:
        stop(processes)
    elapsed = time.monotonic() - started
    sys.stdout.write("\n".join(rows) + "\n")
    write_results(rows, header, facts, elapsed)


def write_results(rows: list[str], header: list[str], facts: dict, elapsed: float) -> None:
    text = [
        "# `make bench` results",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {elapsed / 60:.1f} minutes, "
        "wrk and every server on the same machine over loopback.",
        "",
        *header,
        "",
        "The machine is shared and noisy (other work runs on the same cores during the benchmark): absolute "
        "requests per second move from run to run; the ratios to the ceiling measured in the same run, at "
        "the same number of connections, are what count.",
        "",
        *rows,
        "",
        f"Checkout stock checks: {sum(facts['checkout'])} of {len(facts['checkout'])} runs exactly right.",
        "",
    ]
    target = VAR / "results.md" if ONLY else BENCH / "results.md"
    existing = (BENCH / "results.md").read_text() if (BENCH / "results.md").exists() else ""
    notes = existing.split("\n## Notes\n", 1)[1] if "\n## Notes\n" in existing else ""
    if notes and not ONLY:
        text += ["## Notes", notes.rstrip("\n"), ""]
    target.write_text("\n".join(text))
    say(f"wrote {target}")


if __name__ == "__main__":
    main()
