"""The portal under gunicorn on a free loopback port, stopped again whatever happens."""

import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench import config

WORKERS = 2
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collectstatic(env: dict, project: Path = config.PROJECT) -> None:
    """The manifest storage (DEBUG off) needs collected, hashed static files."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=project,
        env=env,
        check=True,
    )


def _wait_until_up(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopte meteen:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base_url + "/bench/vloer/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(
        f"gunicorn antwoordt niet binnen {START_TIMEOUT} s:\n{log.read_text()[-3000:]}"
    )


@contextmanager
def running(env: dict, project: Path = config.PROJECT):
    """Yields the base URL (http://127.0.0.1:PORT) of the portal in `project`."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="ebw-bench-gunicorn-", suffix=".log")[1])
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "ebw_portal.wsgi:application",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--error-logfile",
        str(log),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=project, env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process, log)
        print(f"Portaal draait onder gunicorn ({WORKERS} workers) op {base_url}", flush=True)
        yield base_url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        errors = log.read_text()
        if "Traceback" in errors:
            print(f"gunicorn-fouten (volledig log: {log}):\n{errors[-3000:]}", file=sys.stderr)
        else:
            log.unlink(missing_ok=True)
