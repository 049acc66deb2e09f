"""Test proxies in front of the server: an HTTP CONNECT proxy, a SOCKS5 proxy (names resolved by
the proxy, as socks5h), both for loopback targets only, and an nginx HTTP/2 TLS front."""

import base64
import ipaddress
import os
import select
import shutil
import socket
import socketserver
import struct
import subprocess
import tempfile
import threading
import time

# Names only the proxies can resolve: a client that resolves them itself fails, which proves
# it let the proxy do it.
PROXY_ONLY_SUFFIXES = (".poddoctor.test",)


def resolve_loopback(host):
    """The loopback address for host, or None when it is not a loopback target. Names are never
    looked up in DNS: only localhost, *.localhost and *.poddoctor.test (all 127.0.0.1) pass."""
    h = host.strip("[]").lower()
    if h == "localhost" or h.endswith(".localhost") or h.endswith(PROXY_ONLY_SUFFIXES):
        return "127.0.0.1"
    try:
        ip = ipaddress.ip_address(h)
    except ValueError:
        return None
    return str(ip) if ip.is_loopback else None


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512

    def __init__(self, addr, handler, ctx):
        self.ctx = ctx
        self.address_family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
        super().__init__(addr, handler)

    def handle_error(self, request, client_address):
        pass


def pipe(a, b, ctx):
    """Copy bytes both ways until either side closes or the server stops."""
    socks = [a, b]
    for s in socks:
        try:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
    try:
        while not ctx.stopping.is_set():
            r, _, x = select.select(socks, [], socks, 0.25)
            if x:
                return
            for s in r:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return


class ConnectHandler(socketserver.BaseRequestHandler):
    def handle(self):
        ctx = self.server.ctx
        sock = self.request
        sock.settimeout(10)
        peer = "%s:%s" % self.client_address[:2]
        head = b""
        try:
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = sock.recv(4096)
                if not chunk:
                    return
                head += chunk
        except OSError:
            return
        head, _, extra = head.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        headers = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:] if ":" in l]
        auth = next((v for k, v in headers if k.lower() == "proxy-authorization"), None)
        entry = {"type": "connect", "peer": peer, "request_line": lines[0],
                 "target": parts[1] if len(parts) > 1 else None,
                 "proxy_authorization": auth is not None, "headers": [list(x) for x in headers],
                 "status": None}
        ctx.log_proxy(entry)

        def answer(code, text):
            entry["status"] = code
            try:
                sock.sendall(("HTTP/1.1 %d %s\r\nContent-Length: 0\r\n\r\n" % (code, text)).encode())
            except OSError:
                pass

        if len(parts) != 3 or parts[0] != "CONNECT":
            return answer(405, "Method Not Allowed")
        want = ctx.opts.connect_proxy_auth
        if want:
            ok = auth and auth.split(" ", 1)[0].lower() == "basic" and \
                base64.b64decode(auth.split(" ", 1)[1].strip() + "==").decode("utf-8", "replace") == want
            if not ok:
                entry["status"] = 407
                sock.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                             b"Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                return
        host, _, port = parts[1].rpartition(":")
        target = resolve_loopback(host) if port.isdigit() else None
        if target is None:
            return answer(403, "Forbidden")
        try:
            upstream = socket.create_connection((target, int(port)), timeout=5)
        except OSError:
            return answer(502, "Bad Gateway")
        entry["status"] = 200
        with upstream:
            sock.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if extra:
                upstream.sendall(extra)
            sock.settimeout(None)
            upstream.settimeout(None)
            pipe(sock, upstream, ctx)


class Socks5Handler(socketserver.BaseRequestHandler):
    def handle(self):
        ctx = self.server.ctx
        sock = self.request
        sock.settimeout(10)
        entry = {"type": "socks5", "peer": "%s:%s" % self.client_address[:2], "address": None,
                 "address_type": None, "port": None, "resolved": None, "status": None}

        def recv_exact(n):
            buf = b""
            while len(buf) < n:
                chunk = sock.recv(n - len(buf))
                if not chunk:
                    raise ConnectionError("short read")
                buf += chunk
            return buf

        def reply(code):
            entry["status"] = {0: "ok", 1: "failed", 2: "refused", 5: "connection refused",
                               7: "command not supported", 8: "address type not supported"}.get(code, code)
            sock.sendall(b"\x05" + bytes([code]) + b"\x00\x01\x00\x00\x00\x00\x00\x00")

        try:
            ver, n = recv_exact(2)
            methods = recv_exact(n)
            if ver != 5:
                return
            if 0 not in methods:
                sock.sendall(b"\x05\xff")
                return
            sock.sendall(b"\x05\x00")
            ver, cmd, _, atyp = recv_exact(4)
            if atyp == 1:
                addr, kind = socket.inet_ntop(socket.AF_INET, recv_exact(4)), "IPv4"
            elif atyp == 3:
                addr, kind = recv_exact(recv_exact(1)[0]).decode("utf-8", "replace"), "DOMAIN"
            elif atyp == 4:
                addr, kind = socket.inet_ntop(socket.AF_INET6, recv_exact(16)), "IPv6"
            else:
                ctx.log_proxy(entry)
                return reply(8)
            port = struct.unpack("!H", recv_exact(2))[0]
            entry.update(address=addr, address_type=kind, port=port)
            ctx.log_proxy(entry)
            if cmd != 1:
                return reply(7)
            target = resolve_loopback(addr)
            entry["resolved"] = target
            if target is None:
                return reply(2)
            try:
                upstream = socket.create_connection((target, port), timeout=5)
            except OSError:
                return reply(5)
            with upstream:
                reply(0)
                sock.settimeout(None)
                upstream.settimeout(None)
                pipe(sock, upstream, ctx)
        except (OSError, ValueError):
            return


def start_proxy(kind, host, ctx):
    handler = ConnectHandler if kind == "connect" else Socks5Handler
    srv = _TCPServer((host, 0), handler, ctx)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    return srv


# ---------------------------------------------------------------- nginx HTTP/2 front

def find_nginx():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def free_port(host):
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _pdeathsig():
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except Exception:  # noqa: BLE001 - best effort only
        pass


def _remove_stale_dirs():
    """Temp folders of servers that were killed with SIGKILL (their pid is in the name)."""
    base = tempfile.gettempdir()
    for name in os.listdir(base):
        bits = name.split("-")
        if name.startswith("poddoctor-nginx-") and len(bits) > 3 and bits[2].isdigit():
            if not os.path.exists("/proc/%s" % bits[2]):
                shutil.rmtree(os.path.join(base, name), ignore_errors=True)


class NginxFront:
    def __init__(self, host, backend_port, cert, key, client_ca, require_client_cert):
        self.host, self.backend_port = host, backend_port
        self.cert, self.key, self.client_ca, self.require = cert, key, client_ca, require_client_cert
        self.proc, self.port, self.error, self.tmp = None, None, None, None

    def start(self):
        nginx = find_nginx()
        if nginx is None:
            self.error = "nginx not found"
            return False
        _remove_stale_dirs()
        self.tmp = tempfile.mkdtemp(prefix="poddoctor-nginx-%d-" % os.getpid())
        for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
            os.makedirs(os.path.join(self.tmp, d), exist_ok=True)
        self.port = free_port(self.host)
        listen = "[%s]:%d" % (self.host, self.port) if ":" in self.host else "%s:%d" % (self.host, self.port)
        verify = ""
        if self.client_ca:
            verify = "ssl_client_certificate %s;\n    ssl_verify_client %s;\n    ssl_verify_depth 3;" % (
                os.path.abspath(self.client_ca), "on" if self.require else "optional")
        t = self.tmp
        conf = """%(user)s
daemon off;
master_process on;
worker_processes 1;
pid %(t)s/nginx.pid;
lock_file %(t)s/nginx.lock;
error_log %(t)s/logs/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path %(t)s/body;
  proxy_temp_path %(t)s/proxy;
  fastcgi_temp_path %(t)s/fastcgi;
  uwsgi_temp_path %(t)s/uwsgi;
  scgi_temp_path %(t)s/scgi;
  client_max_body_size 0;
  http2_max_concurrent_streams 512;
  keepalive_requests 1000000;
  large_client_header_buffers 8 64k;
  upstream backend { server 127.0.0.1:%(bport)d; keepalive 64; }
  server {
    listen %(listen)s ssl http2;
    ssl_certificate %(cert)s;
    ssl_certificate_key %(key)s;
    ssl_protocols TLSv1.2 TLSv1.3;
    %(verify)s
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Frontend-Connection $connection;
      proxy_set_header X-Frontend-Protocol $server_protocol;
      proxy_set_header X-Frontend-SNI $ssl_server_name;
      proxy_set_header X-Frontend-Client-Subject $ssl_client_s_dn;
      proxy_set_header X-Frontend-Client-Verify $ssl_client_verify;
      proxy_set_header X-Frontend-Peer $remote_addr:$remote_port;
      proxy_set_header X-Frontend-TLS $ssl_protocol;
    }
  }
}
""" % {"user": "user root;" if os.geteuid() == 0 else "", "t": t, "bport": self.backend_port,
       "listen": listen, "cert": os.path.abspath(self.cert), "key": os.path.abspath(self.key),
       "verify": verify}
        path = os.path.join(t, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen([nginx, "-p", t, "-c", path, "-e", os.path.join(t, "logs", "error.log")],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=_pdeathsig)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.error = "nginx exited: " + self._log_tail()
                return False
            try:
                socket.create_connection((self.host, self.port), timeout=0.5).close()
                return True
            except OSError:
                time.sleep(0.05)
        self.error = "nginx did not start listening: " + self._log_tail()
        self.stop()
        return False

    def _log_tail(self):
        try:
            with open(os.path.join(self.tmp, "logs", "error.log")) as f:
                return f.read()[-400:].strip()
        except OSError:
            return "(no error log)"

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: fast shutdown of master and workers
            try:
                self.proc.wait(2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(1)
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

