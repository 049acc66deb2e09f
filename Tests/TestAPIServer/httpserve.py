"""HTTP/1.1 request handling shared by every listener: TLS handshake and connection records,
request records, authentication and authorization, response framing the way Go's net/http and
the apiserver do it (Content-Length up to 2048 bytes, chunked above, gzip over 128 KiB)."""

import base64
import datetime
import email.utils
import gzip
import http.server
import itertools
import select
import socket
import socketserver
import ssl
import sys
import threading
import time
import traceback
import urllib.parse
import uuid

import control
import encoding as enc
import kubeapi
import kubeproto

APF_EXEMPT = [("X-Kubernetes-Pf-Flowschema-Uid", "18380123-2c70-4eea-9bec-a07225a7d76e"),
              ("X-Kubernetes-Pf-Prioritylevel-Uid", "116a6ca4-cf16-4eea-8f74-04b8151ce351")]
APF_DEFAULT = [("X-Kubernetes-Pf-Flowschema-Uid", "a477d80d-b8a5-4015-afb1-1001a6235700"),
               ("X-Kubernetes-Pf-Prioritylevel-Uid", "dff09299-8752-451e-ab74-0dc9623fdd0d")]
PUBLIC = ("/version", "/healthz", "/livez", "/readyz")
POLL_GONE = select.POLLHUP | select.POLLERR | getattr(select, "POLLRDHUP", 0x2000)


class Context:
    """Everything the handlers share."""

    def __init__(self, store, registry, opts):
        self.store, self.registry, self.opts = store, registry, opts
        # --clock: the server's own time stands at that moment (its Date headers say so), however
        # long a loaded test machine takes: scenario verdicts near a probe budget stay deterministic.
        self.clock = None
        if getattr(opts, "clock", None):
            self.clock = datetime.datetime.fromisoformat(opts.clock.replace("Z", "+00:00")).timestamp()
        self.tokens = {}  # token -> user
        for t in opts.token or []:
            tok, _, user = t.partition("=")
            self.tokens[tok] = user or "token-user"
        self.basic = {}
        for b in opts.basic or []:
            user, _, pw = b.partition(":")
            self.basic[(user, pw)] = user
        self.forbid = []
        for f in opts.forbid or []:
            bits = f.split(":")
            if len(bits) < 2:
                raise SystemExit("--forbid wants VERB:RESOURCE[:NAMESPACE[:USER]], got %r" % f)
            if bits[1].startswith("/"):  # a non-resource path may contain ':' only in theory
                bits = [bits[0], ":".join(bits[1:])]
            # NAMESPACE "-" means cluster-wide requests only (no namespace in the path), as a Role leaves them.
            ns = "" if len(bits) > 2 and bits[2] == "-" else bits[2] if len(bits) > 2 and bits[2] not in ("", "*") else None
            user = bits[3] if len(bits) > 3 and bits[3] not in ("", "*") else None
            self.forbid.append((bits[0], bits[1], ns, user))
        self.auth_configured = bool(self.tokens or self.basic or opts.client_ca)
        self.bookmark_interval = opts.bookmark_interval
        self.server_address = ""
        self.lock = threading.Lock()
        self.records, self.connections, self.proxy_log, self.faults = [], {}, [], []
        self.seq = itertools.count(1)
        self.conn_ids = itertools.count(1)
        self.fault_ids = itertools.count(1)
        self.stopping = threading.Event()
        # Bumped by POST /_control/end-watches: open watches end, as when the API server restarts.
        self.watch_generation = 0

    def log_proxy(self, entry):
        with self.lock:
            self.proxy_log.append(entry)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 512
    allow_reuse_address = True

    def __init__(self, addr, ctx, tls_context=None, front=False):
        self.ctx, self.tls_context, self.front = ctx, tls_context, front
        family = socket.AF_INET6 if ":" in addr[0] else socket.AF_INET
        self.address_family = family
        super().__init__(addr, Handler)

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)  # skip HTTPServer's reverse DNS lookup
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, addr = self.socket.accept()
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        return sock, addr  # TLS is set up in the connection's own thread (Handler.handle)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, TimeoutError, OSError)):
            return
        traceback.print_exc(file=sys.stderr)


def _drain(tls_socket):
    """Half-closes a connection and reads what the peer still sends, briefly, through a duplicate of its
    descriptor (the TLS layer is broken)."""
    try:
        raw = socket.fromfd(tls_socket.fileno(), tls_socket.family, tls_socket.type)
    except OSError:
        return
    try:
        raw.shutdown(socket.SHUT_WR)
        raw.settimeout(1)
        while raw.recv(65536):
            pass
    except OSError:
        pass
    finally:
        raw.close()


def _subject(cert):
    if not cert:
        return None
    out = {"CN": None, "O": []}
    for rdn in cert.get("subject", ()):
        for k, v in rdn:
            if k == "commonName":
                out["CN"] = v
            elif k == "organizationName":
                out["O"].append(v)
    return out


def _subject_from_dn(dn):
    """nginx $ssl_client_s_dn (RFC 2253, e.g. CN=poddoctor-admin,O=system:masters)."""
    if not dn:
        return None
    out = {"CN": None, "O": []}
    for part in dn.split(","):
        k, _, v = part.partition("=")
        if k.strip() == "CN":
            out["CN"] = v
        elif k.strip() == "O":
            out["O"].append(v)
    return out


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "apiserver"
    timeout = 300  # idle keep-alive connections and stalled writes

    def log_message(self, fmt, *args):
        if self.server.ctx.opts.verbose:
            sys.stderr.write("apiserver: %s %s\n" % (self.address_string(), fmt % args))

    # -- connection
    def setup(self):
        self.connection = self.request  # rfile/wfile are made in handle(), once TLS is up

    def finish(self):
        for f in (getattr(self, "wfile", None), getattr(self, "rfile", None)):
            try:
                if f is not None:
                    f.close()
            except (OSError, ValueError):
                pass
        try:
            self.connection.close()
        except OSError:
            pass

    def handle(self):
        ctx = self.server.ctx
        self.ctx = ctx
        self.conn = {"id": str(next(ctx.conn_ids)), "peer": "%s:%s" % self.client_address[:2],
                     "sni": None, "client_subject": None, "tls_version": None, "requests": 0}
        if self.server.tls_context is not None:
            raw = self.connection
            try:
                raw.settimeout(10)
                first = raw.recv(1, socket.MSG_PEEK)
                if first[:1].isalpha():  # plain HTTP on the TLS port: Go's answer
                    raw.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
                    raw.shutdown(socket.SHUT_WR)
                    raw.settimeout(1)
                    while raw.recv(65536):  # drain, so that closing sends FIN rather than RST
                        pass
                    self.conn["tls_error"] = "plain HTTP request on the TLS port"
                    raise OSError(self.conn["tls_error"])
                self.connection = self.request = self.server.tls_context.wrap_socket(
                    raw, server_side=True, do_handshake_on_connect=False)
                try:
                    self.connection.do_handshake()
                except ssl.SSLError:
                    # OpenSSL has sent its alert (a missing or untrusted client certificate under TLS 1.3
                    # comes after the client's request): drain, so that closing sends FIN rather than
                    # RST and the client reads the alert instead of a reset.
                    _drain(self.connection)
                    raise
            except (ssl.SSLError, OSError) as e:
                self.conn.setdefault("tls_error", str(e))
                with ctx.lock:
                    ctx.connections[self.conn["id"]] = self.conn
                return
            self.connection.settimeout(self.timeout)
            self.conn["sni"] = getattr(self.connection, "poddoctor_sni", None)
            self.conn["tls_version"] = self.connection.version()
            self.conn["client_subject"] = _subject(self.connection.getpeercert())
        else:
            self.connection.settimeout(self.timeout)
        socketserver.StreamRequestHandler.setup(self)
        try:
            super().handle()
        except (ConnectionError, ssl.SSLError, TimeoutError, OSError):
            pass

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    # -- request
    def dispatch(self):
        ctx = self.ctx
        self._head_sent = False
        self._chunked = False
        self._broken = False
        split = urllib.parse.urlsplit(self.path)
        self.path_only = split.path or "/"
        self.raw_query = split.query
        self.query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        body = self._read_body()
        if self.path_only.startswith("/_control/"):
            self.record = None
            return control.serve_control(self, body)
        hdrs = list(self.headers.items())
        conn = self.conn
        if self.server.front:
            fh = {k.lower(): v for k, v in hdrs if k.lower().startswith("x-frontend-")}
            hdrs = [(k, v) for k, v in hdrs if not k.lower().startswith("x-frontend-")]
            cid = "h2-" + fh.get("x-frontend-connection", "?")
            subject = _subject_from_dn(fh.get("x-frontend-client-subject")) \
                if fh.get("x-frontend-client-verify") == "SUCCESS" else None
            with ctx.lock:
                conn = ctx.connections.get(cid)
                if conn is None:
                    conn = ctx.connections[cid] = {
                        "id": cid, "peer": fh.get("x-frontend-peer"), "sni": fh.get("x-frontend-sni") or None,
                        "client_subject": subject, "tls_version": fh.get("x-frontend-tls") or None,
                        "requests": 0, "via": "h2-frontend"}
            protocol = fh.get("x-frontend-protocol", "HTTP/2.0")
        else:
            with ctx.lock:
                ctx.connections.setdefault(conn["id"], conn)
            protocol = self.request_version
        self.client_subject = conn["client_subject"]
        with ctx.lock:
            conn["requests"] += 1
            self.record = {"seq": next(ctx.seq), "method": self.command, "path": self.path_only,
                           "query": self.raw_query, "headers": [[k, v] for k, v in hdrs],
                           "body": body.decode("utf-8", "replace"), "connection_id": conn["id"],
                           "protocol": protocol, "sni": conn["sni"], "client_subject": self.client_subject,
                           "user": None, "status": None, "fault": None}
            ctx.records.append(self.record)
            if len(ctx.records) > ctx.opts.max_records:
                del ctx.records[:len(ctx.records) - ctx.opts.max_records]
        try:
            if control.apply_faults(self):
                return
            self.serve_authenticated()
        except (ConnectionError, ssl.SSLError, TimeoutError, BrokenPipeError):
            self.close_connection = True
        except Exception:  # noqa: BLE001 - a handler bug must not kill the connection thread silently
            traceback.print_exc(file=sys.stderr)
            if not self._head_sent:
                self.reply_json(500, enc.status(500, "Internal error occurred: test server handler failed",
                                                "InternalError"))
            else:
                self.abort()

    def serve_authenticated(self):
        user, bad = self.authenticate()
        if bad:
            self.reply_json(401, enc.status(401, "Unauthorized", "Unauthorized"), apf=False)
            return
        self.user = user
        self.record["user"] = user or "system:anonymous"
        info = kubeapi.RequestInfo(self.command, self.path_only, self.query)
        denial = self.authorize(user, info)
        if denial is not None:
            self.reply_json(403, denial, headers=[("X-Content-Type-Options", "nosniff")])
            return
        if self.path_only.startswith("/test/"):
            if control.serve_test(self):
                return
        elif info.is_resource:
            if kubeapi.serve_resource(self, info, self.command):
                return
        elif kubeapi.serve_nonresource(self, info):
            return
        self.reply_bytes(404, b"404 page not found\n", "text/plain; charset=utf-8",
                         headers=[("X-Content-Type-Options", "nosniff")])

    # -- authn / authz
    def authenticate(self):
        """(user or None for anonymous, bad_credentials)."""
        ctx = self.ctx
        if not ctx.auth_configured:
            return "admin", False
        if self.client_subject and self.ctx.opts.client_ca and self.client_subject.get("CN"):
            return self.client_subject["CN"], False
        auth = self.headers.get("Authorization")
        if auth:
            scheme, _, cred = auth.strip().partition(" ")
            if scheme.lower() == "bearer":
                user = ctx.tokens.get(cred.strip())
                return (user, False) if user else (None, True)
            if scheme.lower() == "basic":
                try:
                    u, _, p = base64.b64decode(cred.strip()).decode("utf-8").partition(":")
                except Exception:  # noqa: BLE001
                    return None, True
                user = ctx.basic.get((u, p))
                return (user, False) if user else (None, True)
        return None, False

    def authorize(self, user, info):
        name = user or "system:anonymous"
        if user is None:
            if not info.is_resource and any(info.path == p or info.path.startswith(p + "/") for p in PUBLIC):
                return None
            return self._denial(name, info)
        for verb, resource, ns, who in self.ctx.forbid:
            if verb not in ("*", info.verb) or (who is not None and who != name):
                continue
            if info.is_resource:
                full = info.resource + ("/" + info.subresource if info.subresource else "")
                if resource not in ("*", full):
                    continue
                if ns is not None and ns != info.namespace:
                    continue
                return self._denial(name, info)
            if resource.startswith("/") and info.path.startswith(resource):
                return self._denial(name, info)
        return None

    def _denial(self, user, info):
        if not info.is_resource:
            return enc.forbidden_path(user, info.verb, info.path)
        return enc.forbidden(user, info.verb, info.resource, info.group, info.namespace or None,
                             info.name or None, info.subresource or None)

    # -- responses
    def _std_headers(self, code, apf):
        hs = [("Audit-Id", str(uuid.uuid4())), ("Cache-Control", "no-cache, private")]
        if apf and code != 401:
            privileged = (getattr(self, "user", None) == "admin" or
                          "system:masters" in ((self.client_subject or {}).get("O") or []))
            hs += APF_EXEMPT if privileged else APF_DEFAULT
        return hs

    def send_head(self, code, headers, length=None, chunked=False, body=b""):
        if self.record is not None:
            self.record["status"] = code
        hs = sorted(headers, key=lambda kv: kv[0])
        hs.append(("Date", email.utils.formatdate(self.ctx.clock if self.ctx.clock is not None else time.time(), usegmt=True)))
        if chunked and self.request_version == "HTTP/1.0":
            chunked, self.close_connection = False, True
        if length is not None:
            hs.append(("Content-Length", str(length)))
        elif chunked:
            hs.append(("Transfer-Encoding", "chunked"))
        if self.close_connection or (self.headers.get("Connection") or "").lower() == "close":
            self.close_connection = True
            hs.append(("Connection", "close"))
        phrase = self.responses.get(code, ("",))[0]
        head = "HTTP/1.1 %d %s\r\n" % (code, phrase) + "".join("%s: %s\r\n" % kv for kv in hs) + "\r\n"
        self._head_sent, self._chunked = True, chunked
        self.wfile.write(head.encode("latin-1") + body)

    def accepts_gzip(self):
        ae = self.headers.get("Accept-Encoding") or ""
        return any(tok.strip() == "gzip" for tok in ae.split(","))

    def reply_bytes(self, code, body, ctype, apf=True, headers=(), gzip_ok=True):
        hs = self._std_headers(code, apf) + [("Content-Type", ctype)] + list(headers)
        if gzip_ok and len(body) > 131072 and self.accepts_gzip():
            body = gzip.compress(body, compresslevel=4)
            hs += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
            self._send_chunked_body(code, hs, body)
        elif len(body) <= 2048:
            self.send_head(code, hs, length=len(body), body=b"" if self.command == "HEAD" else body)
        else:
            self._send_chunked_body(code, hs, body)

    def _send_chunked_body(self, code, hs, body):
        self.send_head(code, hs, chunked=True)
        for i in range(0, len(body), 32768):
            self.stream_write(body[i:i + 32768])
        self.stream_end()

    def reply_json(self, code, obj, apf=True, pretty=None, headers=()):
        if code >= 400 and isinstance(obj, dict) and obj.get("kind") == "Status":
            self.reply_status(code, obj, apf=apf, pretty=pretty, headers=headers)
            return
        if pretty is None:
            pretty = enc.wants_pretty(self.headers.get("User-Agent"), self.query)
        self.reply_bytes(code, enc.encode(obj, pretty), "application/json", apf=apf, headers=headers)

    def reply_status(self, code, status, apf=True, pretty=None, headers=()):
        """A Status error. The apiserver writes every one of them (401 and 403 from its filters
        included) with ErrorNegotiated: in the encoding the Accept header asks for, protobuf
        included (recording 94), or as indented JSON when no Accept entry is usable as is."""
        encoding = kubeapi.error_encoding(self.headers.get("Accept"))
        if encoding == "protobuf":
            body = kubeproto.envelope("v1", "Status", kubeproto.encode(kubeproto.STATUS, status))
            self.reply_bytes(code, body, kubeproto.MEDIA_TYPE, apf=apf, headers=headers)
        elif encoding == "json":
            if pretty is None:
                pretty = enc.wants_pretty(self.headers.get("User-Agent"), self.query)
            self.reply_bytes(code, enc.encode(status, pretty), "application/json", apf=apf, headers=headers)
        else:
            self.reply_bytes(code, enc.indented(status).encode("utf-8"), "application/json", apf=apf, headers=headers)

    def reply_raw_json(self, code, body, apf=True):
        self.reply_bytes(code, body, "application/json", apf=apf)

    def reply_empty(self, code, apf=True):
        self.send_head(code, self._std_headers(code, apf))

    def stream_start(self, code, ctype, apf=True, headers=()):
        self.send_head(code, self._std_headers(code, apf) + [("Content-Type", ctype)] + list(headers),
                       chunked=True)

    def stream_write(self, data):
        if self._broken:
            return False
        try:
            if self._chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            else:
                self.wfile.write(data)
            return True
        except (OSError, ssl.SSLError, ValueError):
            self._broken = True
            self.close_connection = True
            return False

    def stream_end(self):
        if self._chunked:
            self.stream_write(b"")  # "0\r\n\r\n"
        else:
            self.close_connection = True

    def peer_gone(self):
        try:
            p = select.poll()
            p.register(self.connection.fileno(), POLL_GONE)
            return bool(p.poll(0))
        except (OSError, ValueError):
            return True

    def server_stopping(self):
        return self.ctx.stopping.is_set()

    def sleep(self, seconds):
        """Interruptible sleep; False when the client went away or the server stops."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return True
            if self.server_stopping() or self.peer_gone():
                return False
            time.sleep(min(left, 0.05))

    def abort(self):
        """Close the TCP connection at once (no terminating chunk, no close_notify)."""
        self.close_connection = True
        self._broken = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError):
            pass
