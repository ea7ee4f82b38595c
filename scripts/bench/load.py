"""Load over 127.0.0.1 with wrk: each page for a bounded time, its status checked.

p50 and p95 come from wrk's own latency histogram (a Lua `done` hook prints them); the
same hook counts every answer that is not 200, so a page that fails under load fails
the run instead of looking fast.
"""

import http.cookiejar
import re
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

DURATION_SECONDS = 10
THREADS = 2
CONNECTIONS = 8

RESULT_PREFIX = "BENCH-RESULT"

# Counts answers per status and reports wrk's percentiles (microseconds).
STATUS_LUA = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end
function init(args)
  ok = 0
  bad = 0
  last_bad = 0
  if on_init then on_init() end
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1; last_bad = status end
  if on_response then on_response(status, body) end
end
function done(summary, latency, requests)
  local ok_total, bad_total, last = 0, 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    if t:get("last_bad") ~= 0 then last = t:get("last_bad") end
  end
  local e = summary.errors
  io.write(string.format("%s %d %d %d %d %d %d %d %d\\n", "RESULT_PREFIX",
    latency:percentile(50), latency:percentile(95), summary.requests, summary.duration,
    ok_total, bad_total, last, e.connect + e.read + e.write + e.timeout))
end
""".replace("RESULT_PREFIX", RESULT_PREFIX)

# One connection per thread and one plan per thread: each autosave changes the answer,
# carries the revision the previous save returned, and so never conflicts with itself.
AUTOSAVE_LUA = """
local plans = {PLANS}
local rests = {RESTS}
local revisions = {REVISIONS}
function on_init()
  counter = 0
  number = thread_number
  path = plans[number]
  rest = rests[number]
  revision = revisions[number]
end
function request()
  counter = counter + 1
  -- The whole step form, as a browser sends it: one answer changes, the rest stays.
  local body = FIELD .. "=Autosave+onder+belasting+" .. counter .. "+" .. number
    .. "&revision=" .. revision .. (rest ~= "" and ("&" .. rest) or "")
  -- wrk.format replaces wrk.headers (the --header values) when given a table: copy them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["HX-Request"] = "true"
  return wrk.format("POST", path, headers, body)
end
function on_response(status, body)
  if status ~= 200 then return end
  local found = body:match('name="revision"[^>]-value="(%d+)"')
  if found then revision = tonumber(found) else revision = revision + 1 end
end
"""


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects (a 302 is reported)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Always http://127.0.0.1:PORT, built by server.running().
        request = urllib.request.Request(  # noqa: S310
            self.base_url + path, data=body, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.cookies)


def log_in(browser: Browser, login_path: str, username: str, password: str) -> str | None:
    """Log in through the login form; returns None on success, else the reason."""
    status, page = browser.request(login_path)
    if status != 200:
        return f"inlogpagina antwoordt {status}"
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        return "inlogpagina zonder CSRF-token"
    status, _ = browser.request(
        login_path,
        {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": username,
            "password": password,
        },
        headers={"Referer": browser.base_url + login_path},
    )
    if status != 302 or not browser.cookie("sessionid"):
        return f"inloggen mislukt (status {status})"
    return None


def run_wrk(
    base_url: str, path: str, headers: dict, lua: str, threads: int, connections: int, duration: int
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={script.name}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command.append(base_url + path)
    try:
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=duration + 60
        ).stdout
    finally:
        Path(script.name).unlink(missing_ok=True)
    line = next((ln for ln in output.splitlines() if ln.startswith(RESULT_PREFIX)), None)
    if line is None:
        raise RuntimeError(f"wrk gaf geen resultaat voor {path}:\n{output}")
    p50, p95, requests, duration_us, ok, bad, last_bad, socket_errors = map(int, line.split()[1:])
    return {
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "requests": requests,
        "rps": requests / (duration_us / 1_000_000),
        "ok": ok,
        "non_200": bad,
        "last_non_200": last_bad,
        "socket_errors": socket_errors,
    }


def load_page(
    base_url: str, path: str, cookie: str | None, duration: int, connections: int
) -> dict:
    headers = {"Cookie": cookie} if cookie else {}
    return run_wrk(base_url, path, headers, STATUS_LUA, THREADS, connections, duration)


def load_autosave(
    base_url, plans, field, revisions, cookie, csrf_token, duration, floor_path=None
) -> dict:
    """Autosave under load: as many threads as bench plans, one connection each.
    With `floor_path`: the same POSTs (headers, form, size) to the floor instead."""
    paths = [floor_path or p["path"] for p in plans]
    lua = AUTOSAVE_LUA.replace("{PLANS}", "{" + ", ".join(_lua_string(p) for p in paths) + "}")
    lua = lua.replace("{RESTS}", "{" + ", ".join(_lua_string(p["rest"]) for p in plans) + "}")
    lua = lua.replace("{REVISIONS}", "{" + ", ".join(str(r) for r in revisions) + "}")
    lua = lua.replace("FIELD", _lua_string(field)) + STATUS_LUA
    headers = {"Cookie": cookie, "X-CSRFToken": csrf_token}
    return run_wrk(base_url, paths[0], headers, lua, len(plans), len(plans), duration)
