"""Load test of the production setup on 127.0.0.1: gunicorn with several workers, PostgreSQL,
Redis, whitenoise and the task worker, driven by locust with a mixed workload.

    make load                                    # 60 s of load, then 30 s with a database restart
    LOAD_SECONDS=120 LOAD_USERS=40 make load     # longer, more people
    LOAD_KEEP=1 make load                        # leave the production setup running afterwards

Phase 1 drives the site for LOAD_SECONDS and prints, per kind of request and in total, requests
per second, median and 95th percentile latency and errors; then checks that every reply the run
posted (each carries a unique token) is in the database. Phase 2 drives it for
LOAD_FAULT_SECONDS and restarts PostgreSQL LOAD_FAULT_AT seconds in: only requests in flight
while the database restarts may fail, and every request after it must succeed.

Every request goes to 127.0.0.1; the run is bounded in time and stops by itself. It exits
non-zero when a reply is lost, a request fails in phase 1, or the site does not recover."""

import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy

import gevent
from locust import FastHttpUser, between, task
from locust.env import Environment

from bench.common import ROOT, Stats

PORT = int(os.environ.get("PORT", "8001"))
HOST = f"http://127.0.0.1:{PORT}"
RUN_DIR = ROOT / "var" / "prod"
PROD_LOCAL = ROOT / "deploy" / "prod-local.sh"

# Every simulated member signs in from 127.0.0.1 and posts far faster than a person: the run
# raises these limits for its own server processes, through the environment, and says so.
LOAD_ENVIRONMENT = {
    "RATE_LIMIT_LOGIN": "100000/m/ip",
    "RATE_LIMIT_LOGIN_FAILED": "100000/m/ip,100000/m/key",
    "FORUM_POSTS_PER_MINUTE": "100000",
}

SEARCH_WORDS = [
    "trafficking",
    "labor",
    "protocol",
    "survivor",
    "navigator",
    "prosecution",
    "housing",
    "youth",
    "roadmap",
    "interview",
]
FACET_NAMES = ("kind", "topic", "audience", "trafficking_type", "year")
IN_FLIGHT_GRACE = 2.0  # seconds after the restart returns that a request may still fail
SETTLE = 15.0  # seconds of load, at least, after the restart, to show the site recovered

TOPIC_LINK = re.compile(r'href="/connect/t/(\d+)/"')
SPACE_LINK = re.compile(r'href="(/connect/s/[\w-]+/)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Sample:
    kind: str
    started: float
    ms: float
    ok: bool
    error: str = ""


@dataclass
class Workload:
    """What the run discovers before it starts, and what it records while it runs."""

    browse: list[str] = field(default_factory=list)
    browse_expected: dict[str, int] = field(default_factory=dict)
    facets: list[tuple[str, str]] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    password: str = ""
    run_id: str = ""
    samples: list[Sample] = field(default_factory=list)
    replies_confirmed: set[str] = field(default_factory=set)
    replies_failed: set[str] = field(default_factory=set)
    ready: int = 0  # simulated people past their first steps (members: signed in)
    topics: dict[str, list[int]] = field(default_factory=dict)  # per account: readable topics
    replyable: dict[str, set[int]] = field(default_factory=dict)
    counter: itertools.count = field(default_factory=itertools.count)


WORK = Workload()


# --- the simulated people -----------------------------------------------------------------


class LoopbackCookies(DefaultCookiePolicy):
    """Browsers count http://127.0.0.1 as a secure context and send it the production
    settings' Secure `__Host-` session and CSRF cookies; Python's cookie jar would not."""

    def return_ok_secure(self, cookie, request):
        return request.host.split(":")[0] == "127.0.0.1" or super().return_ok_secure(
            cookie, request
        )


class Browser(FastHttpUser):
    abstract = True
    host = HOST
    wait_time = between(0.3, 1.5)

    def on_start(self):
        self.client.cookiejar.set_policy(LoopbackCookies())


class Visitor(Browser):
    """Someone signed out: browses the library and searches."""

    weight = 2

    def on_start(self):
        super().on_start()
        WORK.ready += 1

    @task(4)
    def browse_library(self):
        path = random.choice(WORK.browse)
        expected = WORK.browse_expected.get(path, 200)
        with self.client.get(path, name="browse library", catch_response=True) as response:
            if response.status_code == expected:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def search(self):
        self.client.get(f"/search/?q={random.choice(SEARCH_WORDS)}", name="search")

    @task(2)
    def search_with_facet(self):
        if not WORK.facets:
            return self.search()
        name, value = random.choice(WORK.facets)
        self.client.get(
            "/search/",
            params={"q": random.choice(SEARCH_WORDS), name: value},
            name="search + facet",
        )


class Member(Browser):
    """A signed-in demo member: reads topics, replies, searches, browses, signs in again."""

    weight = 1

    def on_start(self):
        super().on_start()
        self.account = WORK.accounts[next(WORK.counter) % len(WORK.accounts)]
        self.sign_in()
        if not WORK.topics.get(self.account):
            self.find_topics()
        WORK.ready += 1

    def sign_in(self):
        self.signed_in = False
        self.client.cookiejar.clear()
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF_INPUT.search(page.text or "")
        if token is None:
            return
        with self.client.post(
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "login": self.account,
                "password": WORK.password,
            },
            headers={"Origin": HOST, "Referer": f"{HOST}/accounts/login/"},
            allow_redirects=False,
            name="sign in",
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code == 302 and "/accounts/" not in target:
                self.signed_in = True
                response.success()
            else:
                response.failure(f"sign-in not accepted (HTTP {response.status_code} {target})")

    def find_topics(self):
        index = self.client.get("/connect/", name="forum index")
        found = set(map(int, TOPIC_LINK.findall(index.text or "")))
        for space in sorted(set(SPACE_LINK.findall(index.text or "")))[:6]:
            page = self.client.get(space, name="forum space")
            found.update(map(int, TOPIC_LINK.findall(page.text or "")))
        WORK.topics[self.account] = sorted(found)

    def read(self, pk: int) -> str:
        with self.client.get(f"/connect/t/{pk}/", name="read topic", catch_response=True) as page:
            html = page.text or ""
            if page.status_code == 200 and f'action="/connect/t/{pk}/reply/"' in html:
                WORK.replyable.setdefault(self.account, set()).add(pk)
            return html

    @task(4)
    def read_topic(self):
        if not self.signed_in:  # a sign-in that failed (during the fault) is tried again
            return self.sign_in()
        topics = WORK.topics.get(self.account)
        if topics:
            self.read(random.choice(topics))

    @task(2)
    def post_reply(self):
        choices = sorted(WORK.replyable.get(self.account, ()))
        if not choices or not self.signed_in:
            return self.read_topic()
        pk = random.choice(choices)
        token = CSRF_INPUT.search(self.read(pk))
        if token is None:
            return
        mark = f"{WORK.run_id}-{next(WORK.counter)}"
        with self.client.post(
            f"/connect/t/{pk}/reply/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "body": f"Thank you, this helps our task force with its next steps. [{mark}]",
                "action": "post",
            },
            headers={"Origin": HOST, "Referer": f"{HOST}/connect/t/{pk}/"},
            allow_redirects=False,
            name="post reply",
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code == 302 and f"/connect/t/{pk}/" in target:
                WORK.replies_confirmed.add(mark)
                response.success()
            else:
                WORK.replies_failed.add(mark)
                response.failure(f"reply not accepted (HTTP {response.status_code})")

    @task(1)
    def search(self):
        Visitor.search(self)

    @task(1)
    def browse_library(self):
        Visitor.browse_library(self)

    @task(1)
    def sign_in_again(self):
        self.sign_in()


# --- running a phase -------------------------------------------------------------------------


def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    ms = response_time or 0.0
    WORK.samples.append(
        Sample(name, time.time() - ms / 1000, ms, exception is None, str(exception or "")[:120])
    )


class Load:
    """One continuous load from start to finish; each phase measures a window of it, so the
    simulated members sign in once (the warm-up) rather than at the start of every phase."""

    def __init__(self, users: int):
        self.users = users
        self.env = Environment(user_classes=[Visitor, Member])
        self.env.events.request.add_listener(_record)
        self.runner = self.env.create_local_runner()

    def warm_up(self, limit: float = 300) -> float:
        began = time.time()
        self.runner.start(self.users, spawn_rate=max(1, self.users / 4))
        while WORK.ready < self.users and time.time() - began < limit:
            gevent.sleep(1)
        return time.time() - began

    def measure(
        self, label: str, seconds: int, during=None, settle: float = 0
    ) -> tuple[list[Sample], float]:
        """Samples completed in the next `seconds`. `during(started)` runs alongside (the
        fault) and the window then goes on for at least `settle` seconds after it returns.
        Prints progress every five seconds."""
        first = len(WORK.samples)
        started = time.time()
        side = gevent.spawn(during, started) if during else None

        def report():
            while True:
                gevent.sleep(5)
                samples = WORK.samples[first:]
                elapsed = time.time() - started
                errors = sum(not s.ok for s in samples)
                print(
                    f"  [{label}] {elapsed:5.0f}/{seconds} s  {len(samples):6d} requests  "
                    f"{len(samples) / elapsed:6.1f}/s  {errors} errors"
                )

        ticker = gevent.spawn(report)
        gevent.sleep(seconds)
        if side is not None:
            side.join(timeout=180)
            gevent.sleep(max(0.0, settle - (time.time() - (side.value or 0))))
        ticker.kill()
        return WORK.samples[first:], time.time() - started

    def stop(self) -> None:
        self.runner.quit()


def print_table(samples: list[Sample], seconds: float) -> None:
    kinds = sorted({s.kind for s in samples}, key=lambda k: -sum(s.kind == k for s in samples))
    header = (
        f"{'request':<18} {'count':>7} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for kind in [*kinds, "total"]:
        rows = samples if kind == "total" else [s for s in samples if s.kind == kind]
        if kind == "total":
            print("-" * len(header))
        stats = Stats(kind, [s.ms for s in rows])
        errors = sum(not s.ok for s in rows)
        print(
            f"{kind:<18} {len(rows):>7} {len(rows) / seconds:>7.1f} {stats.median:>10.0f} "
            f"{stats.p95:>8.0f} {errors:>7}"
        )
    errors = {}
    for s in samples:
        if not s.ok:
            errors[(s.kind, s.error)] = errors.get((s.kind, s.error), 0) + 1
    for (kind, error), count in sorted(errors.items(), key=lambda item: -item[1])[:8]:
        print(f"  {count:>5} × {kind}: {error}")


# --- the production setup and its database --------------------------------------------------


def prod_local(command: str, **extra_env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(PROD_LOCAL), command],
        cwd=ROOT,
        env={**os.environ, **extra_env},
        capture_output=True,
        text=True,
        check=False,
    )


def _prod_env() -> dict[str, str]:
    env = dict(os.environ)
    for line in (RUN_DIR / "env").read_text().splitlines():
        if line.startswith("export ") and "=" in line:
            name, value = line[len("export ") :].split("=", 1)
            env[name] = value
    return env


def django(code: str):
    """Run `code` in the production configuration (manage.py shell) and return the JSON it
    prints last."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_prod_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


DEMO_ACCOUNTS = """
import json
from allauth.mfa.models import Authenticator
from django.conf import settings
from taskforces.demo import PEOPLE
from users.models import User
emails = [person[0] for person in PEOPLE]
with_mfa = Authenticator.objects.filter(user__email__in=emails).values_list("user__email")
ready = User.objects.filter(email__in=emails, is_active=True).exclude(email__in=with_mfa)
print(json.dumps({"accounts": sorted(ready.values_list("email", flat=True)),
                  "password": settings.DEMO_PASSWORD}))
"""

STORED_REPLIES = """
import json, re
from forum.models import Post
bodies = Post.objects.filter(body__contains="[{run}-").values_list("body", flat=True)
print(json.dumps(sorted({{m for b in bodies for m in re.findall(r"\\[({run}-\\d+)\\]", b)}})))
"""


def discover() -> None:
    """Find what the workload visits: library pages from the sitemap, search facets, and the
    demo members who sign in without a second factor."""
    import urllib.request

    def fetch(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(HOST + path, timeout=30) as answer:  # noqa: S310
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    _, sitemap = fetch("/sitemap.xml")
    paths = [
        re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    library = sorted({p for p in paths if p.startswith("/library/")})
    WORK.browse = ["/", "/library/", *[p for p in library if p != "/library/"]]
    for path in WORK.browse[:2]:
        WORK.browse_expected[path], _ = fetch(path)
    _, page = fetch("/search/?q=trafficking")
    WORK.facets = sorted(
        set(re.findall(rf'name="({"|".join(FACET_NAMES)})" value="([^"]+)"', page))
    )
    found = django(DEMO_ACCOUNTS)
    WORK.accounts, WORK.password = found["accounts"], found["password"]
    WORK.run_id = f"load{int(time.time()):x}"
    print(f"Browse: / and /library/ plus {len(library)} library page(s) from the sitemap", end="")
    if WORK.browse_expected.get("/library/") != 200:
        print(
            f" (/library/ answers {WORK.browse_expected.get('/library/')} on this build; counted "
            "as expected)",
            end="",
        )
    print(f"\nSearch: {len(SEARCH_WORDS)} words, {len(WORK.facets)} facet values")
    print(
        f"Members: {len(WORK.accounts)} demo accounts without MFA; reply tokens [{WORK.run_id}-N]"
    )


def check_replies(label: str, confirmed: set[str], failed: set[str]) -> bool:
    stored = set(django(STORED_REPLIES.format(run=WORK.run_id)))
    lost = confirmed - stored
    extra = failed & stored
    print(
        f"{label}: {len(confirmed)} replies confirmed by the site, "
        f"{len(confirmed & stored)} found in the database, {len(lost)} lost"
        + (f"; {len(extra)} more saved though their answer was an error" if extra else "")
    )
    for mark in sorted(lost)[:10]:
        print(f"  lost: [{mark}]")
    return not lost


# --- the fault --------------------------------------------------------------------------------


@dataclass
class Restart:
    at: float
    began: float = 0.0
    ended: float = 0.0
    output: str = ""


def restart_postgres(restart: Restart):
    def run(started):
        gevent.sleep(restart.at)
        version = sorted(os.listdir("/etc/postgresql"))[0]
        print(f"  PostgreSQL {version} restarting now…", flush=True)
        restart.began = time.time()
        done = subprocess.run(  # noqa: S603
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        restart.ended = time.time()
        restart.output = (done.stdout + done.stderr).strip()
        print(f"  PostgreSQL back after {restart.ended - restart.began:.1f} s", flush=True)
        return restart.ended

    return run


def judge_restart(samples: list[Sample], restart: Restart) -> bool:
    window_end = restart.ended + IN_FLIGHT_GRACE
    failed = [s for s in samples if not s.ok]
    late = [s for s in failed if s.started > window_end]
    after = [s for s in samples if s.started > window_end]
    in_flight = [
        s for s in samples if s.started <= window_end and s.started + s.ms / 1000 >= restart.began
    ]
    print(
        f"Restart took {restart.ended - restart.began:.1f} s. {len(samples)} requests, "
        f"{len(failed)} failed."
    )
    if failed:
        first = min(s.started for s in failed) - restart.began
        last = max(s.started + s.ms / 1000 for s in failed) - restart.began
        print(
            f"  failures from {first:+.1f} s to {last:+.1f} s of the restart's start; "
            f"{len(in_flight)} requests were in flight or arrived while it restarted"
        )
    print(
        f"  after the restart (+{IN_FLIGHT_GRACE:.0f} s): {len(after)} requests, {len(late)} failed"
    )
    for s in late[:5]:
        print(
            f"  late: {s.kind} from {s.started - restart.began:+.1f} s for {s.ms / 1000:.1f} s: "
            f"{s.error}"
        )
    recovered = bool(after) and not late
    print("  recovered: " + ("yes" if recovered else "NO"))
    return recovered


# --- the whole run ----------------------------------------------------------------------------


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # progress shows up in logs as it happens
    seconds = _env_int("LOAD_SECONDS", 60)
    fault_seconds = _env_int("LOAD_FAULT_SECONDS", 30)
    fault_at = _env_int("LOAD_FAULT_AT", 10)
    users = _env_int("LOAD_USERS", 24)
    keep = os.environ.get("LOAD_KEEP") == "1"
    settings = " ".join(f"{k}={v}" for k, v in LOAD_ENVIRONMENT.items())
    print(f"Starting the production setup on {HOST} with {settings} (rate limits for this run)…")
    started = prod_local("start", PORT=str(PORT), **LOAD_ENVIRONMENT)
    if started.returncode != 0:
        print(started.stdout[-2000:], started.stderr[-2000:], sep="\n")
        return 1
    print(started.stdout.strip().splitlines()[-1])
    workers = os.environ.get("WEB_CONCURRENCY") or os.cpu_count() * 2 + 1
    print(
        f"gunicorn: {workers} workers × {os.environ.get('GUNICORN_THREADS', 2)} threads; "
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run"
    )
    ok = True
    load = None
    try:
        discover()
        load = Load(users)
        print(
            f"\nWarm-up: {users} simulated people (visitors : members = 2 : 1) arrive; members "
            "sign in and find their topics (not measured)…"
        )
        print(f"  ready after {load.warm_up():.0f} s")
        print(f"\nPhase 1: {seconds} s of mixed load")
        samples, elapsed = load.measure("load", seconds)
        print(f"\nLoad for {elapsed:.0f} s against {HOST}, {users} simulated people:")
        print_table(samples, elapsed)
        ok &= all(s.ok for s in samples)
        phase1, phase1_failed = set(WORK.replies_confirmed), set(WORK.replies_failed)
        ok &= check_replies("Replies", phase1, phase1_failed)

        print(f"\nPhase 2: {fault_seconds} s at least, PostgreSQL restarted {fault_at} s in")
        restart = Restart(at=fault_at)
        samples, elapsed = load.measure(
            "restart", fault_seconds, restart_postgres(restart), settle=SETTLE
        )
        load.stop()
        load = None
        print_table(samples, elapsed)
        ok &= judge_restart(samples, restart)
        ok &= check_replies(
            "Replies during the restart",
            WORK.replies_confirmed - phase1,
            WORK.replies_failed - phase1_failed,
        )
        status = prod_local("status").stdout.split()
        print("Processes after the restart: " + " ".join(status))
    finally:
        if load is not None:
            load.stop()
        if keep:
            print(f"\nLOAD_KEEP=1: the production setup is still running at {HOST}")
        else:
            prod_local("stop")
            print("\nProduction setup stopped.")
    print("RESULT: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
