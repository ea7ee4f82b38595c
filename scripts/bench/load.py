"""Load over 127.0.0.1 with wrk: each page for a bounded time, its status checked.

p50 and p95 come from wrk's own latency histogram (a Lua `done` hook prints them); the
same hook counts every answer that is not the expected one (200, or the redirect of
"Opslaan en verder"), so a page that fails under load fails the run instead of looking
fast. "Opslaan en verder" is timed per pair of requests in the Lua script itself.
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
PAIRS_PREFIX = "BENCH-PAIRS"

# The header that makes the server empty every cache before the request (bench.cold).
COLD_HEADERS = {"X-Bench-Cold": "1"}

# Counts answers per status and reports wrk's percentiles (microseconds). A script for a
# POST defines on_response, which says whether an answer was the expected one. A script
# that times pairs of requests (a POST and the GET it redirects to) keeps their
# durations in `pair_times`; `done` reports their percentiles too.
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
  local good = status == 200
  if on_response then good = on_response(status, headers, body) end
  if good then ok = ok + 1 else bad = bad + 1; last_bad = status end
end
local function percentile(sorted, p)
  if #sorted == 0 then return 0 end
  return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end
function done(summary, latency, requests)
  local ok_total, bad_total, last = 0, 0, 0
  local durations = {}
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    if t:get("last_bad") ~= 0 then last = t:get("last_bad") end
    local times = t:get("pair_times")
    if times then
      for _, value in ipairs(times) do table.insert(durations, value) end
    end
  end
  local e = summary.errors
  io.write(string.format("%s %d %d %d %d %d %d %d %d\\n", "RESULT_PREFIX",
    latency:percentile(50), latency:percentile(95), summary.requests, summary.duration,
    ok_total, bad_total, last, e.connect + e.read + e.write + e.timeout))
  if #durations > 0 then
    table.sort(durations)
    io.write(string.format("%s %d %d %d\\n", "PAIRS_PREFIX",
      percentile(durations, 50), percentile(durations, 95), #durations))
  end
end
""".replace("RESULT_PREFIX", RESULT_PREFIX).replace("PAIRS_PREFIX", PAIRS_PREFIX)

# The start of a script for a save: one plan, path, rest of the form and revision per
# thread (one connection each), the headers of a form POST, and a clock for pairs.
WRITE_LUA = """
local plans = {PLANS}
local rests = {RESTS}
local revisions = {REVISIONS}
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *spec);
]]
local clock = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end
function on_init()
  counter = 0
  number = thread_number
  path = plans[number]
  rest = rests[number]
  revision = revisions[number]
  pair_times = {}
end
local function headers_for(post)
  -- wrk.format replaces wrk.headers (the --header values) when given a table: copy them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if post then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  return headers
end
local function form_body(text)
  -- The whole step form, as a browser sends it: one answer changes, the rest stays.
  counter = counter + 1
  return FIELD .. "=" .. text .. "+" .. counter .. "+" .. number
    .. "&revision=" .. revision .. (rest ~= "" and ("&" .. rest) or "")
end
local function read_revision(body)
  local found = body:match('name="revision"[^>]-value="(%d+)"')
  if found then revision = tonumber(found) end
  return found
end
"""

# The autosave: each save carries the revision the previous one returned, and so never
# conflicts with itself.
AUTOSAVE_LUA = """
function request()
  local headers = headers_for(true)
  headers["HX-Request"] = "true"
  return wrk.format("POST", path, headers, form_body("Autosave+onder+belasting"))
end
function on_response(status, headers, body)
  if status ~= 200 then return false end
  if not read_revision(body) then revision = revision + 1 end
  return true
end
"""

# "Opslaan en verder": the POST must answer with a redirect, whose location is asked for
# next on the same connection; the next step's page carries the plan's new revision.
# The time of the pair runs from writing the POST until the next step has arrived.
SAVE_NEXT_LUA = """
local following = nil
local started = 0
function request()
  if following then
    return wrk.format("GET", following, headers_for(false))
  end
  started = now_us()
  return wrk.format("POST", path, headers_for(true), form_body("Opslaan+en+verder+onder+belasting"))
end
function on_response(status, headers, body)
  if following == nil then
    local location = headers["Location"] or headers["location"]
    if status == 302 and location then
      following = location:gsub("^https?://[^/]+", "")
      return true
    end
    read_revision(body)  -- a conflict page shows the plan's current revision
    return false
  end
  following = nil
  if status ~= 200 then return false end
  read_revision(body)
  table.insert(pair_times, now_us() - started)
  return true
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

    def request(self, path: str, data=None, headers: dict | None = None):
        """(status, body) of one request; `data` (a dict or pairs) is posted as a form."""
        status, _, body = self.exchange(path, data, headers)
        return status, body

    def exchange(self, path: str, data=None, headers: dict | None = None):
        """(status, response headers, body) of one request."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Always http://127.0.0.1:PORT, built by server.running().
        request = urllib.request.Request(  # noqa: S310
            self.base_url + path, data=body, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

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
    lines = {ln.split()[0]: ln.split()[1:] for ln in output.splitlines() if ln.startswith("BENCH")}
    if RESULT_PREFIX not in lines:
        raise RuntimeError(f"wrk gaf geen resultaat voor {path}:\n{output}")
    p50, p95, requests, duration_us, ok, bad, last_bad, socket_errors = map(
        int, lines[RESULT_PREFIX]
    )
    seconds = duration_us / 1_000_000
    result = {
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "requests": requests,
        "rps": requests / seconds,
        "ok": ok,
        "non_200": bad,
        "last_non_200": last_bad,
        "socket_errors": socket_errors,
    }
    if PAIRS_PREFIX in lines:
        # Timed per pair (POST and the GET it redirects to): what the user waits for.
        pair_p50, pair_p95, pairs = map(int, lines[PAIRS_PREFIX])
        result.update(
            request_p50_ms=result["p50_ms"],
            request_p95_ms=result["p95_ms"],
            p50_ms=pair_p50 / 1000,
            p95_ms=pair_p95 / 1000,
            pairs=pairs,
            rps=pairs / seconds,
        )
    return result


def load_page(
    base_url: str, path: str, cookie: str | None, duration: int, connections: int, cold=False
) -> dict:
    """GETs of one page. `cold`: the server empties every cache before each request."""
    headers = {"Cookie": cookie} if cookie else {}
    if cold:
        headers.update(COLD_HEADERS)
    return run_wrk(base_url, path, headers, STATUS_LUA, THREADS, connections, duration)


def load_writes(
    base_url, kind, plans, field, revisions, cookie, csrf_token, duration, cold=False, floor=None
) -> dict:
    """Saves under load (`kind` "autosave" or "save_next"): as many threads as bench
    plans, one connection each. With `floor` (a path): the same POSTs (headers, form,
    size) to the floor instead."""
    paths = [floor or p["path"] for p in plans]
    lua = WRITE_LUA.replace("{PLANS}", "{" + ", ".join(_lua_string(p) for p in paths) + "}")
    lua = lua.replace("{RESTS}", "{" + ", ".join(_lua_string(p["rest"]) for p in plans) + "}")
    lua = lua.replace("{REVISIONS}", "{" + ", ".join(str(r) for r in revisions) + "}")
    lua = lua.replace("FIELD", _lua_string(field))
    lua += (AUTOSAVE_LUA if kind == "autosave" else SAVE_NEXT_LUA) + STATUS_LUA
    headers = {"Cookie": cookie, "X-CSRFToken": csrf_token}
    if cold:
        headers.update(COLD_HEADERS)
    return run_wrk(base_url, paths[0], headers, lua, len(plans), len(plans), duration)
