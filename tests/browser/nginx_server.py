"""Debian's real nginx running the shipped ``deploy/nginx`` configuration, serving a built site under ``/gmi/`` on
127.0.0.1 — as on a partner's host.  Used by the deployment tests and by ``bench/browser.py``."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = Path(os.environ.get("GMI_NGINX", "/usr/sbin/nginx"))
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
LOG_FIELDS = ("uri", "status", "bytes_sent", "content_type", "content_encoding")


@dataclass
class NginxSite:
    url: str  # http://127.0.0.1:PORT/gmi/
    access_log: Path

    def log(self) -> list[dict[str, str]]:
        """One entry per request served so far (fields: LOG_FIELDS)."""
        if not self.access_log.exists():
            return []
        lines = self.access_log.read_text(encoding="utf-8").splitlines()
        return [dict(zip(LOG_FIELDS, line.split("\t"), strict=True)) for line in lines if line]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _config(work: Path, port: int) -> str:
    modules = f"load_module {BROTLI_MODULE};\n" if BROTLI_MODULE.exists() else ""
    user = "user root;\n" if os.geteuid() == 0 else ""  # worker processes must read the pytest temp folders
    temp = "\n".join(
        f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{modules}{user}worker_processes 1;
daemon off;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    log_format gmi '$uri\\t$status\\t$bytes_sent\\t$sent_http_content_type\\t$sent_http_content_encoding';
    access_log {work / "access.log"} gmi;
{temp}
    include {DEPLOY / "gmi-http.conf"};
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {work / "www"};
        include {DEPLOY / "gmi-location.conf"};
    }}
}}
"""


@contextmanager
def nginx_serving(site_dir: Path, work: Path) -> Iterator[NginxSite]:
    """Start nginx on a free port with the shipped configuration; the site appears under /gmi/."""
    assert NGINX.exists(), f"{NGINX} is missing: run scripts/setup.sh (it installs Debian's nginx)"
    work.mkdir(parents=True, exist_ok=True)
    (work / "www").mkdir(exist_ok=True)
    link = work / "www" / "gmi"
    if not link.exists():
        link.symlink_to(site_dir, target_is_directory=True)
    port = _free_port()
    conf = work / "nginx.conf"
    conf.write_text(_config(work, port), encoding="utf-8")
    check = subprocess.run(
        [str(NGINX), "-t", "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, f"nginx -t rejected the shipped configuration:\n{check.stderr}"
    process = subprocess.Popen(
        [str(NGINX), "-p", str(work), "-c", str(conf), "-e", str(work / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # everything goes to error.log
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            assert process.poll() is None, f"nginx stopped: {(work / 'error.log').read_text(errors='replace')}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not start listening within 15 s"
                time.sleep(0.05)
        yield NginxSite(url=f"http://127.0.0.1:{port}/gmi/", access_log=work / "access.log")
    finally:
        process.terminate()
        process.wait(timeout=15)
