#!/usr/bin/env python3
"""Self-test of the test API server (CI runs it): python3 Tests/TestAPIServer/selftest.py
Starts the server as a subprocess and checks it against the recordings where they exist."""

import base64
import gzip
import http.client
import json
import os
import re
import select
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CERTS = os.path.join(ROOT, "Tests", "Fixtures", "certs")
BASIC = os.path.join(ROOT, "Tests", "Fixtures", "apiserver-basic")
RECORDINGS = os.environ.get("APISERVER_RECORDINGS", os.path.normpath(os.path.join(ROOT, "..", "shared", "apiserver-recordings")))
if not os.path.isdir(RECORDINGS):
    RECORDINGS = "/work/shared/apiserver-recordings"
FAILS = []
STARTED = []  # pids of our servers and their children (nginx)
PROTOBUF = "application/vnd.kubernetes.protobuf"

sys.path.insert(0, HERE)
import kubeproto  # noqa: E402 - the encoder itself is checked in-process too
from resources import BUILTIN  # noqa: E402


def _children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


def _zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def cert(name):
    return os.path.join(CERTS, name)


def check(cond, what):
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        FAILS.append(what)
    return cond


class Server:
    def __init__(self, *args):
        self.errfile = tempfile.TemporaryFile("w+")
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "apiserver.py")] + list(args),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errfile)
        r, _, _ = select.select([self.proc.stdout], [], [], 15)
        line = self.proc.stdout.readline() if r else b""
        if not line:
            self.errfile.seek(0)
            raise SystemExit("server did not start: " + self.errfile.read())
        self.ready = json.loads(line)
        self.port = self.ready["port"]
        STARTED.append(self.proc.pid)
        for child in _children(self.proc.pid):  # nginx master, and its workers
            STARTED.extend([child] + _children(child))

    def stop(self):
        self.proc.stdin.close()
        t0 = time.monotonic()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return time.monotonic() - t0

    def stderr(self):
        self.errfile.seek(0)
        return self.errfile.read()


def tls(cafile=cert("ca.pem"), certfile=None, keyfile=None, alpn=None):
    ctx = ssl.create_default_context(cafile=cafile)
    if certfile:
        ctx.load_cert_chain(certfile, keyfile)
    if alpn:
        ctx.set_alpn_protocols(alpn)
    return ctx


def req(port, path, method="GET", headers=None, body=None, ctx=None, host="localhost"):
    conn = http.client.HTTPSConnection(host, port, context=ctx or tls(), timeout=15)
    hdrs = {"User-Agent": "recorder/1.0", "Accept": "application/json"}
    hdrs.update(headers or {})
    conn.request(method, path, body=body, headers={k: v for k, v in hdrs.items() if v is not None})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, resp.getheaders(), data


def hget(headers, name):
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


def control(port, path, obj=None, method=None):
    body = json.dumps(obj).encode() if obj is not None else None
    conn = http.client.HTTPSConnection("localhost", port, context=tls(), timeout=15)
    conn.request(method or ("POST" if body is not None or path != "requests" else "GET"), "/_control/" + path, body=body)
    resp = conn.getresponse()
    data = json.loads(resp.read() or b"null")
    conn.close()
    return resp.status, data


def recording(n):
    name = [f for f in os.listdir(RECORDINGS) if f.startswith("%02d-" % n)][0]
    raw = open(os.path.join(RECORDINGS, name), "rb").read()
    resp = raw[raw.index(b"\nHTTP/1.1 ") + 1:]
    return resp[resp.index(b"\n\n") + 2:]


def strip_mf(o):
    if isinstance(o, dict):
        o.pop("managedFields", None)
        for v in o.values():
            strip_mf(v)
    elif isinstance(o, list):
        for v in o:
            strip_mf(v)
    return o


def go_json(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def raw_stream(port, path, headers="", ctx=None, duration=10.0, on_start=None, accept="application/json"):
    """Raw HTTP/1.1 exchange; returns (head, [(t, chunk)], ended_cleanly)."""
    s = (ctx or tls()).wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost")
    s.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: recorder/1.0\r\nAccept: %s\r\n%s\r\n" % (path, accept, headers)).encode())
    s.settimeout(0.2)
    buf, t0, head, chunks, clean = b"", time.monotonic(), None, [], False
    started = False
    while time.monotonic() - t0 < duration:
        try:
            data = s.recv(65536)
            if not data:
                break
            buf += data
        except socket.timeout:
            pass
        if head is None and b"\r\n\r\n" in buf:
            head, buf = buf.split(b"\r\n\r\n", 1)
        if head is not None and not started and on_start:
            started = True
            threading.Thread(target=on_start, daemon=True).start()
        while head is not None and b"\r\n" in buf:
            size_line, rest = buf.split(b"\r\n", 1)
            size = int(size_line, 16)
            if len(rest) < size + 2:
                break
            if size == 0:
                clean = True
                break
            chunks.append((time.monotonic() - t0, rest[:size]))
            buf = rest[size + 2:]
        if clean:
            break
    s.close()
    return head.decode() if head else "", chunks, clean


def main():
    srv = Server("--fixtures", BASIC, "--client-ca", cert("ca.pem"), "--token", "good-token=tok-user",
                 "--basic", "alice:secret", "--forbid", "get:secrets:*:tok-user", "--forbid", "list:pods:kube-system",
                 "--connect-proxy", "--socks5-proxy", "--h2-frontend", "--continue-ttl", "3")
    p = srv.port
    admin = tls(certfile=cert("client.pem"), keyfile=cert("client-key.pem"))
    tok = {"Authorization": "Bearer good-token"}
    print("readiness:", srv.ready)
    check(all(k in srv.ready for k in ("port", "connect_proxy_port", "socks5_proxy_port", "h2_port", "h2_error", "pid")), "readiness keys")

    # --- TLS, SNI, client certs, auth
    st, hd, body = req(p, "/version")
    check(st == 200 and body.startswith(b"{\n  \"major\"") and not body.endswith(b"\n"), "anonymous /version, indented, no newline")
    try:
        req(p, "/version", ctx=tls(cafile=cert("other-ca.pem")))
        check(False, "other CA must not verify")
    except ssl.SSLError:
        check(True, "server cert rejected with the other CA")
    control(p, "reset")
    st, _, _ = req(p, "/api/v1/namespaces/rec/pods", ctx=admin)
    st2, _, _ = req(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", ctx=admin, host="127.0.0.1")
    _, recs = control(p, "requests")
    check(st == 200 and recs[0]["client_subject"] == {"CN": "poddoctor-admin", "O": ["system:masters"]}
          and recs[0]["user"] == "poddoctor-admin", "client cert subject and user recorded")
    check(recs[0]["sni"] == "localhost" and recs[1]["sni"] is None, "SNI recorded (name yes, IP no)")
    _, conns = control(p, "connections", method="GET")
    check(any(c["tls_version"] in ("TLSv1.3", "TLSv1.2") and c["requests"] == 1 for c in conns), "connection log")
    try:
        req(p, "/version", ctx=tls(certfile=cert("client-other-ca.pem"), keyfile=cert("client-other-ca-key.pem")))
        check(False, "client cert of other CA must fail")
    except (ssl.SSLError, ConnectionError, OSError):
        check(True, "client cert of other CA rejected")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods", headers={"Authorization": "Bearer nope"})
    check(st == 401 and body == recording(16) and hget(hd, "X-Kubernetes-Pf-Flowschema-Uid") is None, "401 bad token = recording 16")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods")
    check(st == 403 and body == recording(17) and hget(hd, "X-Content-Type-Options") == "nosniff", "403 anonymous = recording 17")
    st, _, _ = req(p, "/api/v1/namespaces/rec/pods", headers=tok)
    st2, _, _ = req(p, "/api/v1/namespaces/rec/pods", headers={"Authorization": "Basic " + base64.b64encode(b"alice:secret").decode()})
    st3, _, _ = req(p, "/api/v1/namespaces/rec/pods", headers={"Authorization": "Basic " + base64.b64encode(b"alice:bad").decode()})
    check((st, st2, st3) == (200, 200, 401), "token and basic auth")
    st, _, body = req(p, "/api/v1/namespaces/rec/secrets/app-secret", headers=tok)
    check(st == 403 and body == recording(20).replace(b"system:serviceaccount:kh-test:reader", b"tok-user"), "--forbid get:secrets = recording 20 shape")
    st, _, body = req(p, "/api/v1/namespaces/kube-system/pods", headers=tok)
    st2, _, _ = req(p, "/api/v1/namespaces/rec/pods", headers=tok)
    check(st == 403 and b'"kind":"pods"' in body and st2 == 200, "--forbid list:pods:kube-system")

    # --- recordings byte for byte
    for n, path, hdrs in [(22, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-zzzzz", {}),
                          (24, "/api/v1/namespaces/no-such-ns/pods/web", {}),
                          (27, "/api/v1/namespaces/rec/pods?labelSelector=a%3D%3D%3Db", {}),
                          (28, "/api/v1/namespaces/rec/pods?fieldSelector=spec.foo%3Dbar", {}),
                          (29, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", {"Accept": "application/xml"}),
                          (42, "/api/v1/namespaces/rec/podz", {}), (43, "/no/such/path", {}),
                          (84, "/api/v1/namespaces/rec/configmaps/does-not-exist", {}),
                          (26, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log", {"Accept": "*/*"}),
                          (58, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=nope", {}),
                          (61, "/api/v1/namespaces/rec/pods/no-such-pod/log?container=app", {}),
                          (62, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&tailLines=-1", {}),
                          (52, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app", {}),
                          (53, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&previous=true", {}),
                          (54, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&tailLines=2", {}),
                          (55, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&limitBytes=40", {}),
                          (59, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=init-migrate", {}),
                          (63, "/api/v1/namespaces/rec/secrets/app-secret", {"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"}),
                          (66, "/api/v1/namespaces/rec/configmaps", {"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"}),
                          (67, "/api/v1/namespaces/rec/configmaps", {"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"}),
                          (68, "/api/v1/namespaces/rec/secrets/app-secret", {"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1"}),
                          (69, "/api/v1/namespaces/rec/secrets/app-secret", {"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v9,application/json"}),
                          (75, "/api/v1/nodes/fake-node-1", {}), (76, "/apis/apps/v1/namespaces/rec/replicasets/web-7d4b9c8f6d", {}),
                          (77, "/apis/apps/v1/namespaces/rec/deployments/web", {}), (78, "/api/v1/namespaces/rec/services/web", {}),
                          (79, "/api/v1/namespaces/rec/endpoints/web", {}), (81, "/api/v1/namespaces/rec/resourcequotas/compute-resources", {}),
                          (82, "/api/v1/namespaces/rec/limitranges/default-limits", {}), (83, "/api/v1/namespaces/rec/serviceaccounts/default", {}),
                          (85, "/api/v1/namespaces/rec", {})]:
        st, hd, body = req(p, path, headers=hdrs, ctx=admin)
        want = recording(n)
        if want.startswith(b"{") and b"managedFields" in want:
            want = go_json(strip_mf(json.loads(want))).encode()
        check(body == want, "recording %d byte-exact (%s)" % (n, path))
        if 52 <= n <= 62:
            check(hget(hd, "X-Kubernetes-Pf-Flowschema-Uid") is None, "no APF headers on pods/log (%d)" % n)
        if n in (52, 55):
            check(hget(hd, "Content-Type") == "text/plain" and hget(hd, "Transfer-Encoding") == "chunked", "log text/plain chunked")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods", method="PUT", body=b"{}", headers={"Content-Type": "application/json"}, ctx=admin)
    check(body == recording(31), "405 = recording 31")
    st, hd, body = req(p, "/api/v1/namespaces/no-such-ns/pods", ctx=admin)
    check(st == 200 and json.loads(body)["items"] == [], "LIST in missing namespace = 200 empty")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods/cache-warmup/log", ctx=admin)
    check(st == 204 and body == b"" and hget(hd, "Content-Type") is None and hget(hd, "Content-Length") is None, "204 for pod without node")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=proxy&previous=true", ctx=admin)
    check(st == 400 and b'previous terminated container \\"proxy\\" in pod \\"web-7d4b9c8f6d-x7k2p\\" not found' in body, "previous missing 400")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&timestamps=true", ctx=admin)
    lines = body.decode().splitlines()
    check(len(lines) == 7 and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z 2026", l) for l in lines), "timestamps=true prefix")
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", headers={"User-Agent": "curl/7.88.1"}, ctx=admin)
    check(body.startswith(b"{\n  \"kind\": \"Pod\"") and body.endswith(b"}\n"), "pretty for curl user agent")
    ev = json.loads(req(p, "/api/v1/namespaces/rec/events?fieldSelector=involvedObject.name%3Dweb-7d4b9c8f6d-x7k2p", ctx=admin)[2])
    check(go_json(ev["items"]) == go_json(strip_mf(json.loads(recording(47)))["items"]), "core events incl. converted events.k8s.io = recording 47")
    ev = json.loads(req(p, "/apis/events.k8s.io/v1/namespaces/rec/events?fieldSelector=regarding.name%3Dweb-7d4b9c8f6d-x7k2p", ctx=admin)[2])
    check(go_json(ev["items"]) == go_json(strip_mf(json.loads(recording(50)))["items"]), "events.k8s.io view = recording 50")
    ev = json.loads(req(p, "/api/v1/namespaces/rec/events?fieldSelector=involvedObject.name%3Dweb-7d4b9c8f6d-x7k2p,type%3DWarning", ctx=admin)[2])
    check(len(ev["items"]) == 3, "field selector AND (recording 49)")
    sl = json.loads(req(p, "/apis/discovery.k8s.io/v1/namespaces/rec/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb", ctx=admin)[2])
    check(go_json(sl["items"]) == go_json(strip_mf(json.loads(recording(80)))["items"]), "endpointslices by label = recording 80")
    pods = json.loads(req(p, "/api/v1/pods?labelSelector=app%20in%20(web),tier!=backend", ctx=admin)[2])["items"]
    check(len(pods) == 3, "label selector in/!= across namespaces")
    pods = json.loads(req(p, "/api/v1/namespaces/rec/pods?fieldSelector=status.phase%3DPending", ctx=admin)[2])["items"]
    check([x["metadata"]["name"] for x in pods] == ["cache-warmup"], "field selector status.phase")
    ml = json.loads(req(p, "/api/v1/namespaces/rec/configmaps", headers={"Accept": "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"}, ctx=admin)[2])
    check(ml["kind"] == "PartialObjectMetadataList" and len(ml["items"]) == 3 and "data" not in ml["items"][0], "metadata-only list")
    st, hd, body = req(p, "/apis", ctx=admin)
    check(st == 200 and {"apps", "batch", "discovery.k8s.io", "events.k8s.io"} <= {g["name"] for g in json.loads(body)["groups"]}, "/apis groups")
    st, hd, body = req(p, "/api/v1", ctx=admin)
    check(st == 200 and "pods/log" in [r["name"] for r in json.loads(body)["resources"]], "/api/v1 resources")

    # --- paging
    def page(q):
        st, _, body = req(p, "/api/v1/namespaces/rec/pods?" + q, ctx=admin)
        return st, json.loads(body)
    _, p1 = page("limit=2")
    tok1 = p1["metadata"]["continue"]
    check(json.loads(base64.urlsafe_b64decode(tok1 + "==")) == {"v": "meta.k8s.io/v1", "rv": int(p1["metadata"]["resourceVersion"]), "start": "/debug-shell\x00"}
          and p1["metadata"]["remainingItemCount"] == 3, "page 1 token and remainingItemCount")
    _, p2 = page("limit=2&continue=" + tok1)
    _, p3 = page("limit=2&continue=" + p2["metadata"]["continue"])
    names = [x["metadata"]["name"] for x in p1["items"] + p2["items"] + p3["items"]]
    check(names == ["cache-warmup", "debug-shell", "web-7d4b9c8f6d-4jz9q", "web-7d4b9c8f6d-m5n8r", "web-7d4b9c8f6d-x7k2p"]
          and p2["metadata"]["remainingItemCount"] == 1 and "continue" not in p3["metadata"]
          and "remainingItemCount" not in p3["metadata"]
          and p1["metadata"]["resourceVersion"] == p3["metadata"]["resourceVersion"], "three pages like recordings 10-12")
    check("kind" not in p1["items"][0], "list items without kind/apiVersion")
    _, p0 = page("limit=2&resourceVersion=0")
    check(len(p0["items"]) == 5 and "continue" not in p0["metadata"], "resourceVersion=0 ignores limit")
    control(p, "expire-continue-tokens", {})
    st, gone = page("limit=2&continue=" + tok1)
    newtok = gone.get("metadata", {}).get("continue", "")
    check(st == 410 and gone["reason"] == "Expired" and json.loads(base64.urlsafe_b64decode(newtok + "=="))["rv"] == -1
          and list(gone) == ["kind", "apiVersion", "metadata", "status", "message", "reason", "code"], "410 Expired with rv -1 token")
    st, p2b = page("limit=2&continue=" + newtok)
    check(st == 200 and [x["metadata"]["name"] for x in p2b["items"]] == names[2:4] and "continue" in p2b["metadata"], "rv -1 token continues")
    _, q1 = page("limit=2")
    time.sleep(3.3)
    st, _ = page("limit=2&continue=" + q1["metadata"]["continue"])
    check(st == 410, "token older than --continue-ttl -> 410")

    # --- gzip
    for ae, n, want in [("gzip", 200000, True), ("gzip", 131072, False), ("gzip;q=1.0, identity;q=0.5", 200000, False), ("br, gzip", 131073, True), ("deflate", 200000, False)]:
        st, hd, body = req(p, "/test/bytes?n=%d" % n, headers={"Accept-Encoding": ae}, ctx=admin)
        gz = hget(hd, "Content-Encoding") == "gzip"
        ok = gz == want and len(gzip.decompress(body) if gz else body) == n
        if gz:
            ok = ok and hget(hd, "Vary") == "Accept-Encoding" and hget(hd, "Transfer-Encoding") == "chunked"
        check(ok, "gzip rule: %r n=%d -> %s" % (ae, n, want))
    st, hd, _ = req(p, "/test/bytes?n=2048", ctx=admin)
    st2, hd2, _ = req(p, "/test/bytes?n=2049", ctx=admin)
    check(hget(hd, "Content-Length") == "2048" and hget(hd2, "Transfer-Encoding") == "chunked", "2048 -> Content-Length, 2049 -> chunked")

    # --- faults and test endpoints
    control(p, "faults", {"path": "/api/v1/namespaces/rec/pods", "status": 503, "retry_after": 2, "times": 1})
    st, hd, body = req(p, "/api/v1/namespaces/rec/pods", ctx=admin)
    st2, _, _ = req(p, "/api/v1/namespaces/rec/pods", ctx=admin)
    check(st == 503 and hget(hd, "Retry-After") == "2" and json.loads(body)["reason"] == "ServiceUnavailable" and st2 == 200, "status fault with Retry-After, times=1")
    control(p, "faults", {"path_prefix": "/test/echo", "drop": True, "times": 1})
    try:
        req(p, "/test/echo", ctx=admin)
        check(False, "drop fault")
    except (http.client.RemoteDisconnected, ConnectionError, ssl.SSLError):
        check(True, "drop fault closes without response")
    for path in ("/test/truncate",):
        try:
            req(p, path, ctx=admin)
            check(False, "truncate")
        except http.client.IncompleteRead:
            check(True, "truncated body detected")
    control(p, "faults", {"path": "/test/echo", "delay": 0.5, "times": 1})
    t0 = time.monotonic()
    st, _, body = req(p, "/test/echo", ctx=admin, headers={"X-One": "1", "X-Two": "2"})
    check(st == 200 and time.monotonic() - t0 >= 0.5, "delay fault")
    rec = json.loads(body)
    names_in_order = [h[0] for h in rec["headers"]]
    check(names_in_order.index("X-One") < names_in_order.index("X-Two") and rec["fault"] is not None, "echo shows headers in order")
    st, hd, body = req(p, "/test/html-error", ctx=admin)
    check(st == 502 and hget(hd, "Content-Type") == "text/html" and b"<html>" in body, "html 502")
    control(p, "faults", method="DELETE")
    st, hd, body = req(p, "/test/status/429?retry_after=3", ctx=admin)
    check(st == 429 and hget(hd, "Retry-After") == "3" and json.loads(body)["details"]["retryAfterSeconds"] == 3, "/test/status")
    head, chunks, clean = raw_stream(p, "/test/stream?lines=3&interval=0.05", ctx=admin)
    check(clean and [json.loads(c)["n"] for _, c in chunks] == [0, 1, 2], "stream, one line per chunk")
    try:
        req(p, "/test/stream-truncated?lines=2", ctx=admin)
        check(False, "stream-truncated")
    except http.client.IncompleteRead:
        check(True, "stream-truncated detected")
    threads_before = control(p, "threads", method="GET")[1]["threads"]
    head, chunks, clean = raw_stream(p, "/test/stream?lines=0&interval=0.05&bytes=100", ctx=admin, duration=0.5)
    time.sleep(0.5)
    threads_after = control(p, "threads", method="GET")[1]["threads"]
    check(len(chunks) >= 3 and len(chunks[0][1]) >= 99 and threads_after <= threads_before, "endless stream stops when the client leaves")

    # --- concurrency
    results = []

    def one():
        try:
            results.append(req(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", ctx=admin)[0])
        except Exception as e:  # noqa: BLE001
            results.append(repr(e))
    ts = [threading.Thread(target=one) for _ in range(200)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    check(results.count(200) == 200, "200 concurrent requests (%s)" % ({r for r in results if r != 200} or "all 200"))

    # --- watch
    list_rv = json.loads(req(p, "/api/v1/namespaces/rec/pods", ctx=admin)[2])["metadata"]["resourceVersion"]
    demo = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "watch-demo", "namespace": "rec", "labels": {"app": "watch-demo"}},
            "spec": {"containers": [{"name": "main", "image": "busybox"}], "nodeName": "fake-node-1"}, "status": {"phase": "Pending"}}

    def changes():
        time.sleep(0.3)
        control(p, "objects", demo)
        demo["metadata"]["labels"]["phase-of-test"] = "patched"
        control(p, "objects", demo)
        control(p, "delete", {"apiVersion": "v1", "kind": "Pod", "namespace": "rec", "name": "watch-demo"})
    t0 = time.monotonic()
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&allowWatchBookmarks=true&resourceVersion=%s&timeoutSeconds=3" % list_rv,
                                     ctx=admin, on_start=changes)
    evs = [json.loads(c) for _, c in chunks]
    types = [e["type"] for e in evs]
    check("Transfer-Encoding: chunked" in head and all(c.endswith(b"}\n") and c.count(b"\n") == 1 for _, c in chunks), "watch: one event per chunk")
    check(types[:3] == ["ADDED", "MODIFIED", "DELETED"] and "BOOKMARK" in types, "watch events ADDED/MODIFIED/DELETED + BOOKMARK (%s)" % types)
    bm = [e for e in evs if e["type"] == "BOOKMARK"][0]["object"]
    check(bm == {"kind": "Pod", "apiVersion": "v1", "metadata": {"resourceVersion": bm["metadata"]["resourceVersion"], "creationTimestamp": None},
                 "spec": {"containers": None}, "status": {}}, "bookmark stub object")
    check(clean and 2.9 < time.monotonic() - t0 < 4.0, "timeoutSeconds ends the watch with the zero chunk")
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=true&timeoutSeconds=1", ctx=admin)
    check([json.loads(c)["type"] for _, c in chunks] == ["ADDED"] * 5, "watch without RV sends current objects as ADDED")
    t0 = time.monotonic()
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&resourceVersion=%s&timeoutSeconds=30" % list_rv, ctx=admin,
                                     on_start=lambda: (time.sleep(0.3), control(p, "end-watches", {})))
    check(clean and time.monotonic() - t0 < 3.0, "end-watches ends an open watch cleanly (as an API server restart does)")
    control(p, "end-watches", {"expire": True})
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&resourceVersion=%s&timeoutSeconds=2" % list_rv, ctx=admin)
    check(len(chunks) == 1 and json.loads(chunks[0][1])["object"].get("code") == 410, "end-watches with expire: an older resourceVersion gets 410")
    _, comp = control(p, "compact", {})
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&resourceVersion=%s&timeoutSeconds=2" % list_rv, ctx=admin)
    want = {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                        "message": "too old resource version: %s (%s)" % (list_rv, comp["compacted"]), "reason": "Expired", "code": 410}}
    check(head.startswith("HTTP/1.1 200") and len(chunks) == 1 and chunks[0][1] == go_json(want).encode() and clean, "too old RV -> 200 + ERROR 410 (recording 73)")

    # --- log follow
    def appends():
        for i in range(1, 4):
            time.sleep(0.2)
            control(p, "logs", {"namespace": "rec", "pod": "web-7d4b9c8f6d-x7k2p", "container": "app", "append": "[rec/web-7d4b9c8f6d-x7k2p/app] followed line %d\n" % i})
        time.sleep(0.2)
        control(p, "delete", {"apiVersion": "v1", "kind": "Pod", "namespace": "rec", "name": "web-7d4b9c8f6d-x7k2p"})
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app&follow=true", ctx=admin, on_start=appends)
    want_chunks = [recording(52)] + [b"[rec/web-7d4b9c8f6d-x7k2p/app] followed line %d\n" % i for i in range(1, 4)]
    check([c for _, c in chunks] == want_chunks and clean, "follow: existing text, then one chunk per line, ends on pod delete (recording 57)")

    # --- proxies
    cp = srv.ready["connect_proxy_port"]
    s = socket.create_connection(("127.0.0.1", cp))
    s.sendall(b"CONNECT localhost:%d HTTP/1.1\r\nHost: localhost:%d\r\nProxy-Authorization: Basic eDp5\r\n\r\n" % (p, p))
    resp = s.recv(1024)
    t = admin.wrap_socket(s, server_hostname="localhost")
    t.sendall(b"GET /version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        d = t.recv(65536)
        if not d:
            break
        data += d
    check(resp.startswith(b"HTTP/1.1 200") and b"v1.32.0" in data, "CONNECT proxy tunnel")
    s = socket.create_connection(("127.0.0.1", cp))
    s.sendall(b"CONNECT 10.1.2.3:443 HTTP/1.1\r\nHost: 10.1.2.3:443\r\n\r\n")
    check(s.recv(1024).startswith(b"HTTP/1.1 403"), "CONNECT to non-loopback refused")
    s.close()
    sp = srv.ready["socks5_proxy_port"]
    for atyp, addr in ((3, b"kube-api.poddoctor.test"), (1, socket.inet_aton("127.0.0.1"))):
        s = socket.create_connection(("127.0.0.1", sp))
        s.sendall(b"\x05\x01\x00")
        ok = s.recv(2) == b"\x05\x00"
        s.sendall(b"\x05\x01\x00" + bytes([atyp]) + (bytes([len(addr)]) if atyp == 3 else b"") + addr + p.to_bytes(2, "big"))
        rep = s.recv(10)
        t = admin.wrap_socket(s, server_hostname="localhost")
        t.sendall(b"GET /version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        data = t.recv(65536)
        t.close()
        check(ok and rep[1] == 0 and data.startswith(b"HTTP/1.1 200"), "SOCKS5 CONNECT (atyp %d)" % atyp)
    _, plog = control(p, "proxy-log", method="GET")
    kinds = [(e["type"], e.get("address_type"), e.get("proxy_authorization")) for e in plog]
    check(("connect", None, True) in kinds and ("socks5", "DOMAIN", None) in kinds and ("socks5", "IPv4", None) in kinds, "proxy log")

    # --- h2 front
    if srv.ready["h2_port"] and shutil.which("curl"):
        h2 = srv.ready["h2_port"]
        control(p, "reset")
        out = subprocess.run(["curl", "--http2", "-s", "--cacert", cert("ca.pem"), "--cert", cert("client.pem"), "--key", cert("client-key.pem"),
                              "-o", "/dev/null", "-w", "%{http_version} %{http_code}", "https://localhost:%d/api/v1/namespaces/rec/pods?limit=1" % h2],
                             capture_output=True, text=True, timeout=20).stdout
        _, recs = control(p, "requests")
        r = recs[-1] if recs else {}
        check(out == "2 200" and r.get("protocol") == "HTTP/2.0" and str(r.get("connection_id", "")).startswith("h2-")
              and r.get("sni") == "localhost" and (r.get("client_subject") or {}).get("CN") == "poddoctor-admin"
              and not any(k.lower().startswith("x-frontend") for k, _ in r.get("headers", [])), "h2 front via nginx (%s, %s)" % (out, r.get("protocol")))
        out = subprocess.run(["curl", "--http2", "-sN", "--cacert", cert("ca.pem"), "--cert", cert("client.pem"), "--key", cert("client-key.pem"),
                              "https://localhost:%d/api/v1/namespaces/rec/pods?watch=1&timeoutSeconds=1" % h2], capture_output=True, text=True, timeout=20).stdout
        check(out.count('"type":"ADDED"') == 4, "watch over h2")
    else:
        check(srv.ready["h2_error"] is not None, "h2 front unavailable is reported")

    took = srv.stop()
    err = srv.stderr()
    check(srv.proc.returncode is not None and took < 2.5, "exits on stdin EOF (%.2fs)" % took)
    check("Traceback" not in err, "no tracebacks on stderr" + ("" if "Traceback" not in err else ":\n" + err[-3000:]))

    # --- second server: required client certs, named cert, plain http, SIGTERM
    srv2 = Server("--client-ca", cert("ca.pem"), "--require-client-cert", "--cert", cert("server-named.pem"), "--key", cert("server-named-key.pem"))
    named = tls(certfile=cert("client.pem"), keyfile=cert("client-key.pem"))
    s = named.wrap_socket(socket.create_connection(("127.0.0.1", srv2.port)), server_hostname="kube-api.poddoctor.test")
    s.sendall(b"GET /api HTTP/1.1\r\nHost: kube-api.poddoctor.test\r\nConnection: close\r\n\r\n")
    check(s.recv(65536).startswith(b"HTTP/1.1 200"), "tls-server-name: verify as kube-api.poddoctor.test")
    s.close()
    try:
        named.wrap_socket(socket.create_connection(("127.0.0.1", srv2.port)), server_hostname="127.0.0.1").close()
        check(False, "named cert must not verify as 127.0.0.1")
    except ssl.SSLError:
        check(True, "named cert fails verification for 127.0.0.1")
    try:
        s = tls().wrap_socket(socket.create_connection(("127.0.0.1", srv2.port)), server_hostname="kube-api.poddoctor.test")
        s.sendall(b"GET /version HTTP/1.1\r\nHost: x\r\n\r\n")
        check(s.recv(100) == b"", "required client cert")
    except (ssl.SSLError, ConnectionError):
        check(True, "handshake fails without a client cert when required")
    srv2.proc.terminate()
    srv2.proc.wait(3)
    check(srv2.proc.returncode is not None, "exits on SIGTERM")
    srv3 = Server("--plain-http", "--token", "t")
    c = http.client.HTTPConnection("127.0.0.1", srv3.port, timeout=5)
    c.request("GET", "/api/v1/pods", headers={"Authorization": "Bearer t"})
    check(c.getresponse().status == 200, "--plain-http")
    srv3.stop()

    fixtures_variety()
    protobuf_recordings()
    protobuf_encode_speed()
    protobuf_server()
    time.sleep(0.3)
    left = [pid for pid in STARTED if os.path.exists("/proc/%d" % pid) and not _zombie(pid)]
    check(not left, "nothing we started is left running (%d processes checked)%s" % (len(STARTED), left or ""))
    print("\n%d failure(s)" % len(FAILS) if FAILS else "\nall checks passed")
    return 1 if FAILS else 0


def fixtures_variety():
    """Typed lists without item kinds, unknown kinds, subfolders, kubelet-format logs, sinceSeconds,
    group-qualified errors, cluster-scope denials, selector transitions in watches."""
    tmp = tempfile.mkdtemp(prefix="apiserver-selftest-")
    try:
        os.makedirs(os.path.join(tmp, "a", "logs", "ns1", "p1"))
        os.makedirs(os.path.join(tmp, "b"))
        pod = {"metadata": {"name": "p1", "namespace": "ns1", "labels": {"x": "1"}},
               "spec": {"nodeName": "n1", "containers": [{"name": "c"}]}, "status": {"phase": "Running"}}
        with open(os.path.join(tmp, "a", "objects.json"), "w") as f:
            json.dump({"kind": "PodList", "apiVersion": "v1", "items": [pod]}, f)
        recent = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 60)) + ".123456789Z"
        with open(os.path.join(tmp, "a", "logs", "ns1", "p1", "c.log"), "w") as f:
            f.write("2020-01-01T00:00:00.000000001Z old line\n%s new line\n" % recent)
        with open(os.path.join(tmp, "b", "rollout.json"), "w") as f:
            json.dump({"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "r1", "namespace": "ns1"}}, f)
        srv = Server("--fixtures", tmp, "--forbid", "list:nodes")
        p = srv.port
        st, _, body = req(p, "/api/v1/namespaces/ns1/pods/p1")
        o = json.loads(body)
        check(st == 200 and o["kind"] == "Pod" and o["metadata"]["uid"] and o["metadata"]["resourceVersion"]
              and o["metadata"]["creationTimestamp"], "typed List items get kind and filled metadata")
        st, _, body = req(p, "/api/v1/namespaces/ns1/pods/p1/log")
        check(body == b"old line\nnew line\n", "kubelet-format log file: timestamps stripped")
        st, _, body = req(p, "/api/v1/namespaces/ns1/pods/p1/log?timestamps=true&sinceSeconds=3600")
        check(body == ("%s new line\n" % recent).encode(), "sinceSeconds filters on the file's timestamps")
        st, _, _ = req(p, "/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/r1")
        groups = [g["name"] for g in json.loads(req(p, "/apis")[2])["groups"]]
        check(st == 200 and "argoproj.io" in groups, "unknown kinds from subfolders are served")
        # custom resources have no protobuf: JSON when Accept also lists it, else 406 (raw indented
        # JSON, like recording 29); metadata-only protobuf still works, as for CRDs
        st, hd, body = req(p, "/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts/r1", headers={"Accept": PROTOBUF + ", application/json"})
        check(st == 200 and hget(hd, "Content-Type") == "application/json" and json.loads(body)["kind"] == "Rollout",
              "protobuf, application/json on a custom resource: JSON")
        st, hd, body = req(p, "/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts", headers={"Accept": PROTOBUF})
        check(st == 406 and body.startswith(b"{\n  ") and json.loads(body)["reason"] == "NotAcceptable",
              "protobuf only on a custom resource: 406")
        st, hd, body = req(p, "/apis/argoproj.io/v1alpha1/namespaces/ns1/rollouts",
                           headers={"Accept": PROTOBUF + ";as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"})
        ml = kubeproto.decode_object(body) if hget(hd, "Content-Type") == PROTOBUF else {}
        check(st == 200 and [i["metadata"]["name"] for i in ml.get("items", [])] == ["r1"],
              "metadata-only protobuf list of a custom resource")
        st, _, body = req(p, "/apis/apps/v1/namespaces/ns1/deployments/nope")
        check(json.loads(body)["message"] == 'deployments.apps "nope" not found'
              and json.loads(body)["details"] == {"name": "nope", "group": "apps", "kind": "deployments"}, "group-qualified NotFound")
        st, _, body = req(p, "/api/v1/nodes")
        check(st == 403 and json.loads(body)["message"] == 'nodes is forbidden: User "admin" cannot list resource "nodes" in API group "" at the cluster scope',
              "cluster-scope denial wording")
        control(p, "objects", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm1"}, "data": {"a": "b"}})
        st, _, body = req(p, "/api/v1/namespaces/default/configmaps/cm1")
        check(st == 200, "control objects default the namespace")
        rv = json.loads(req(p, "/api/v1/namespaces/ns1/pods")[2])["metadata"]["resourceVersion"]

        def flip():
            time.sleep(0.2)
            for v in ("2", "1"):
                pod["metadata"]["labels"]["x"] = v
                control(p, "objects", dict(pod, apiVersion="v1", kind="Pod"))
        head, chunks, clean = raw_stream(p, "/api/v1/namespaces/ns1/pods?watch=1&labelSelector=x%%3D1&resourceVersion=%s&timeoutSeconds=1.5" % rv, on_start=flip)
        check([json.loads(c)["type"] for _, c in chunks] == ["DELETED", "ADDED"], "watch: leaving/entering the selector -> DELETED/ADDED")
        srv.stop()
        check("Traceback" not in srv.stderr(), "no tracebacks (fixtures variety)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- protobuf

def dechunk(raw):
    """[chunks] of raw chunked wire bytes (recording 95)."""
    out, i = [], 0
    while True:
        j = raw.index(b"\r\n", i)
        n = int(raw[i:j], 16)
        if n == 0:
            return out
        out.append(raw[j + 2:j + 2 + n])
        i = j + 2 + n + 2


def envelopes(n):
    """The protobuf envelopes of recording n (a watch holds one per frame)."""
    body = recording(n)
    if body[:4] == kubeproto.MAGIC:
        return [body]
    return [kubeproto.unwrap_watch_object(f) for f in kubeproto.split_frames(b"".join(dechunk(body)))]


def protobuf_recordings():
    """The real server's protobuf bodies (recordings 89-96) against kubeproto, no server needed."""
    for n in range(89, 97):
        ok = again = True
        count = 0
        body = recording(n)
        if n == 95:  # every WatchEvent frame, as sent
            for frame in kubeproto.split_frames(b"".join(dechunk(body))):
                ok = ok and kubeproto.encode_raw(kubeproto.decode_raw(kubeproto.WATCH_EVENT, frame)) == frame
        for env in envelopes(n):
            api_version, kind, raw = kubeproto.unwrap(env)
            name = kubeproto.message_for(api_version, kind)
            ok = ok and kubeproto.MAGIC + kubeproto.encode_raw(kubeproto.decode_raw(kubeproto.UNKNOWN, env[4:])) == env
            ok = ok and kubeproto.encode_raw(kubeproto.decode_raw(name, raw)) == raw
            # decoding keeps the zero values Go writes, so encoding the decoded JSON gives the
            # real server's bytes back: inline fields, IntOrString, Quantity, map order, Time
            again = again and kubeproto.encode(name, kubeproto.decode(name, raw)) == raw
            ok = ok and kubeproto.envelope(api_version, kind, raw) == env
            count += 1
        check(ok and count, "recording %d: decode_raw re-encodes byte-identically, envelope too (%d objects)" % (n, count))
        check(again, "recording %d: encode(decode(body)) == body" % n)
    pod = kubeproto.decode_object(recording(89))
    check(pod["kind"] == "Pod" and pod["metadata"]["name"] == "crashy" and pod["metadata"]["namespace"] == "kh-test"
          and [c["name"] for c in pod["spec"]["containers"]] == ["app", "sidecar"]
          and pod["spec"]["containers"][0]["resources"]["limits"] == {"memory": "128Mi"}
          and pod["metadata"]["creationTimestamp"] == "2026-12-05T17:23:05Z"
          and pod["status"]["containerStatuses"][0]["restartCount"] == 7
          and pod["status"]["conditions"][0]["lastProbeTime"] is None, "recording 89 decodes to the crashy pod")
    st = kubeproto.decode_object(recording(94))
    check(st["kind"] == "Status" and st["code"] == 404 and st["reason"] == "NotFound" and st["message"] == 'pods "nope" not found',
          "recording 94 decodes to a 404 Status")
    chunks = dechunk(recording(95))
    check([len(c) for c in chunks] == [2048, len(b"".join(chunks)) - 2048], "recording 95: a frame over 2048 bytes is two chunks, 2048 + rest")


def scan_bench_pod(i):
    """A pod as Benchmarks/ScanBenchmark makes them."""
    ns, name, failing = "team-%d" % (i % 50), "api-7d4b9c8f6d-%s" % format(i, "x"), i % 20 == 0
    uid = "%08x-0000-4000-8000-%012x" % (i, i)
    state = ({"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=app pod=%s_%s(%s)" % (name, ns, uid)}}
             if failing else {"running": {"startedAt": "2026-11-25T12:00:00Z"}})
    last = {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2026-11-25T13:57:00Z", "finishedAt": "2026-11-25T13:57:02Z"}} if failing else {}
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "uid": uid, "resourceVersion": str(1000 + i), "creationTimestamp": "2026-11-25T12:00:00Z",
                         "labels": {"app": "api", "pod-template-hash": "7d4b9c8f6d"},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api-7d4b9c8f6d", "uid": "rs-" + ns, "controller": True}]},
            "spec": {"nodeName": "node-%d" % (i % 20), "restartPolicy": "Always", "containers": [{
                "name": "app", "image": "registry.example.com/api:2.1.0",
                "env": [{"name": "DATABASE_URL", "valueFrom": {"secretKeyRef": {"name": "db", "key": "url"}}},
                        {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "api-config", "key": "mode"}}}],
                "resources": {"limits": {"memory": "256Mi", "cpu": "500m"}}, "ports": [{"containerPort": 8080}]}]},
            "status": {"phase": "Running", "podIP": "10.244.%d.%d" % (i % 250, i % 200),
                       "conditions": [{"type": "Ready", "status": "False" if failing else "True"}],
                       "containerStatuses": [{"name": "app", "ready": not failing, "restartCount": 6 if failing else 0,
                                              "image": "registry.example.com/api:2.1.0", "imageID": "", "state": state, "lastState": last}]}}


def protobuf_encode_speed():
    """A 5,000-pod list: every pod encoded once (cold), then the list again from the cache."""
    pods = [scan_bench_pod(i) for i in range(5000)]
    name = kubeproto.CORE + "Pod"
    cache = kubeproto.EncodedCache()

    def body():
        items = [cache.get(p, name, lambda p=p: kubeproto.encode(name, p)) for p in pods]
        return kubeproto.envelope("v1", "PodList", kubeproto.encode_list(kubeproto.CORE + "PodList", {"resourceVersion": "9"}, items))
    t0 = time.perf_counter()
    cold = body()
    t1 = time.perf_counter()
    warm = body()
    t2 = time.perf_counter()
    back = kubeproto.decode_object(cold)
    check(cold == warm and len(back["items"]) == 5000 and back["items"][17] == kubeproto.project(name, pods[17])[0],
          "5,000-pod protobuf list: %.2fs cold, %.3fs cached, %d bytes (JSON %d)" % (
              t1 - t0, t2 - t1, len(cold), sum(len(go_json(p)) for p in pods)))


def proto_get(p, path, accept=PROTOBUF, ctx=None, headers=None):
    """(status, headers, decoded JSON or None, body)."""
    st, hd, body = req(p, path, headers=dict(headers or {}, Accept=accept), ctx=ctx)
    obj = kubeproto.decode_object(body) if hget(hd, "Content-Type") == PROTOBUF else None
    return st, hd, obj, body


def resource_path(obj):
    api_version, kind = obj["apiVersion"], obj["kind"]
    res = [r for r in BUILTIN if r.api_version == api_version and r.kind == kind][0]
    base = "/api/v1" if api_version == "v1" else "/apis/" + api_version
    ns = "/namespaces/%s" % obj["metadata"].get("namespace", "default") if res.namespaced else ""
    return "%s%s/%s/%s" % (base, ns, res.plural, obj["metadata"]["name"])


def protobuf_server():
    """Protobuf over HTTP: every fixture object, lists and paging, errors, metadata-only, watch,
    discovery, gzip."""
    tmp = tempfile.mkdtemp(prefix="apiserver-selftest-pb-")
    try:
        with open(os.path.join(tmp, "objects.json"), "w") as f:
            json.dump({"kind": "List", "apiVersion": "v1", "items": [
                dict(scan_bench_pod(i), metadata=dict(scan_bench_pod(i)["metadata"], namespace="bulk")) for i in range(400)]}, f)
        srv = Server("--fixtures", BASIC, "--fixtures", tmp, "--client-ca", cert("ca.pem"), "--token", "good-token",
                     "--forbid", "get:secrets:*:token-user", "--bookmark-interval", "0.5")
        p = srv.port
        admin = tls(certfile=cert("client.pem"), keyfile=cert("client-key.pem"))
        _protobuf_objects(p, admin)
        _protobuf_lists(p, admin)
        _protobuf_errors(p, admin)
        _protobuf_watch(p, admin)
        took = srv.stop()
        check(took < 2.5 and "Traceback" not in srv.stderr(), "protobuf server: no tracebacks" + ("" if "Traceback" not in srv.stderr() else ":\n" + srv.stderr()[-3000:]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _protobuf_objects(p, admin):
    with open(os.path.join(BASIC, "objects.json")) as f:
        fixtures = json.load(f)["items"]
    views = []
    for o in fixtures:
        if o["kind"] == "Event":  # each event through both groups
            views += [dict(o, apiVersion="v1"), dict(o, apiVersion="events.k8s.io/v1")]
        else:
            views.append(o)
    same, differ, kinds, missing = 0, [], set(), set()
    for o in views:
        if kubeproto.message_for(o["apiVersion"], o["kind"]) is None:
            missing.add(o["kind"])
            continue
        path = resource_path(o)
        st, hd, pb, body = proto_get(p, path, ctx=admin)
        st2, _, js = req(p, path, ctx=admin)
        served = json.loads(js)
        want, unknown = kubeproto.project(kubeproto.message_for(served["apiVersion"], served["kind"]), served)
        want = dict({"kind": served["kind"], "apiVersion": served["apiVersion"]}, **want)
        kinds.add("%s %s" % (served["apiVersion"], served["kind"]))
        if st == 200 and st2 == 200 and pb == want and not unknown and body[:4] == kubeproto.MAGIC:
            same += 1
        else:
            differ.append((path, unknown))
    check(not differ and not missing and same == len(views),
          "every fixture object over protobuf decodes to the JSON served for it (%d objects: %s)%s" % (
              same, ", ".join(sorted(kinds)), differ[:3] or ""))
    st, hd, pb, body = proto_get(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", ctx=admin)
    app = pb["spec"]["containers"][0] if pb else {}
    check(hget(hd, "Transfer-Encoding") == "chunked" and hget(hd, "Content-Length") is None
          and app.get("livenessProbe", {}).get("httpGet", {}).get("port") is not None
          and any("configMapKeyRef" in (e.get("valueFrom") or {}) for e in app.get("env", [])),
          "protobuf pod: chunked above 2048 bytes, inline probe handler and key selectors")
    st, hd, pb, _ = proto_get(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", accept=PROTOBUF + ", application/json", ctx=admin)
    check(st == 200 and pb is not None and pb["kind"] == "Pod", "protobuf, application/json: protobuf wins (recording 93)")
    st, hd, _, body = proto_get(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p", accept="application/json;q=0.9, " + PROTOBUF + ";q=0.5", ctx=admin)
    check(st == 200 and hget(hd, "Content-Type") == "application/json", "q values still rank the media ranges")
    st, hd, pb, _ = proto_get(p, "/api/v1", ctx=admin)
    st2, _, js = req(p, "/api/v1", ctx=admin)
    check(st == 200 and pb == dict(kubeproto.project(kubeproto.META + "APIResourceList", json.loads(js))[0], kind="APIResourceList", apiVersion="v1"),
          "discovery APIResourceList in protobuf")


def _protobuf_lists(p, admin):
    def page(q, accept=PROTOBUF):
        return proto_get(p, "/api/v1/namespaces/rec/pods?" + q, accept=accept, ctx=admin)[2]
    p1 = page("limit=2")
    p2 = page("limit=2&continue=" + p1["metadata"]["continue"])
    p3 = page("limit=2&continue=" + p2["metadata"]["continue"])
    names = [x["metadata"]["name"] for x in p1["items"] + p2["items"] + p3["items"]]
    js = json.loads(req(p, "/api/v1/namespaces/rec/pods", ctx=admin)[2])
    check(p1["kind"] == "PodList" and names == [x["metadata"]["name"] for x in js["items"]]
          and p1["metadata"]["remainingItemCount"] == 3 and p2["metadata"]["remainingItemCount"] == 1
          and "continue" not in p3["metadata"] and p1["metadata"]["resourceVersion"] == p3["metadata"]["resourceVersion"]
          and p1["items"][0] == kubeproto.project(kubeproto.CORE + "Pod", js["items"][0])[0], "protobuf paging with continue (recording 90)")
    meta_only = PROTOBUF + ";as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"
    st, hd, ml, body = proto_get(p, "/api/v1/namespaces/rec/configmaps", accept=meta_only, ctx=admin)
    full = req(p, "/api/v1/namespaces/rec/configmaps", ctx=admin, headers={"Accept": PROTOBUF})[2]
    check(st == 200 and hget(hd, "Content-Type") == PROTOBUF and ml["kind"] == "PartialObjectMetadataList"
          and ml["apiVersion"] == "meta.k8s.io/v1" and len(ml["items"]) == 3 and all(list(i) == ["metadata"] for i in ml["items"])
          and len(body) < len(full), "metadata-only list in protobuf (recording 96)")
    st, hd, pm, _ = proto_get(p, "/api/v1/namespaces/rec/secrets/app-secret", accept=PROTOBUF + ";as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1", ctx=admin)
    check(st == 200 and pm["apiVersion"] == "meta.k8s.io/v1beta1" and pm["kind"] == "PartialObjectMetadata" and "data" not in pm,
          "metadata-only v1beta1 object in protobuf")
    st, hd, body = req(p, "/api/v1/namespaces/rec/configmaps", ctx=admin, headers={"Accept": PROTOBUF + ";as=PartialObjectMetadata;g=meta.k8s.io;v=v1"})
    check(st == 406 and body == recording(66), "protobuf as=PartialObjectMetadata on a list: 406 as recording 66")
    st, hd, ev, _ = proto_get(p, "/apis/events.k8s.io/v1/namespaces/rec/events?fieldSelector=regarding.name%3Dweb-7d4b9c8f6d-x7k2p", ctx=admin)
    js = json.loads(req(p, "/apis/events.k8s.io/v1/namespaces/rec/events?fieldSelector=regarding.name%3Dweb-7d4b9c8f6d-x7k2p", ctx=admin)[2])
    check(ev["kind"] == "EventList" and ev["items"] == [kubeproto.project(kubeproto.message_for("events.k8s.io/v1", "Event"), i)[0] for i in js["items"]],
          "events.k8s.io EventList in protobuf")
    t0 = time.perf_counter()
    st, hd, body = req(p, "/api/v1/namespaces/bulk/pods", ctx=admin, headers={"Accept": PROTOBUF, "Accept-Encoding": "gzip"})
    t1 = time.perf_counter()
    raw = gzip.decompress(body) if hget(hd, "Content-Encoding") == "gzip" else b""
    check(st == 200 and len(raw) > 131072 and hget(hd, "Vary") == "Accept-Encoding" and len(kubeproto.decode_object(raw)["items"]) == 400,
          "protobuf list over 128 KiB is gzipped (%d bytes, %.3fs)" % (len(raw), t1 - t0))


def _protobuf_errors(p, admin):
    st, hd, pb, body = proto_get(p, "/api/v1/namespaces/rec/pods/nope", ctx=admin)
    js = json.loads(req(p, "/api/v1/namespaces/rec/pods/nope", ctx=admin)[2])
    check(st == 404 and hget(hd, "Content-Length") == str(len(body)) and pb == kubeproto.project(kubeproto.STATUS, js)[0] | {"kind": "Status", "apiVersion": "v1"}
          and pb["message"] == 'pods "nope" not found', "protobuf 404 Status (recording 94)")
    st, hd, pb, _ = proto_get(p, "/api/v1/namespaces/rec/pods", headers={"Authorization": "Bearer nope"})
    check(st == 401 and pb is not None and pb["reason"] == "Unauthorized", "401 negotiated like every Status: protobuf")
    st, hd, pb, _ = proto_get(p, "/api/v1/namespaces/rec/secrets/app-secret", headers={"Authorization": "Bearer good-token"})
    check(st == 403 and pb is not None and pb["reason"] == "Forbidden" and hget(hd, "X-Content-Type-Options") == "nosniff",
          "RBAC 403 negotiated: protobuf")
    st, hd, pb, _ = proto_get(p, "/api/v1/namespaces/rec/podz", ctx=admin)
    check(st == 404 and pb is not None and pb["details"] == {}, "unknown resource 404 in protobuf")
    st, hd, _, body = proto_get(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log?container=app", ctx=admin)
    check(st == 200 and hget(hd, "Content-Type") == "text/plain" and body == recording(52), "pod logs stay text with a protobuf Accept")
    st, hd, pb, _ = proto_get(p, "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p/log", ctx=admin)
    check(st == 400 and pb is not None and pb["message"].startswith("a container name must be specified"), "log errors are protobuf Status too")
    st, hd, _, body = proto_get(p, "/api/v1/namespaces/rec/pods/nope", accept=PROTOBUF + ";as=PartialObjectMetadata;g=meta.k8s.io;v=v1", ctx=admin)
    check(st == 404 and hget(hd, "Content-Type") == "application/json" and body.startswith(b"{\n  ") and not body.endswith(b"\n"),
          "an error for a metadata-only request: no Accept entry fits a Status, raw indented JSON")


def _protobuf_watch(p, admin):
    demo = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pb-watch", "namespace": "rec", "annotations": {"pad": "x" * 3000}},
            "spec": {"containers": [{"name": "main", "image": "busybox"}]}}
    rv = kubeproto.decode_object(req(p, "/api/v1/namespaces/rec/pods", ctx=admin, headers={"Accept": PROTOBUF})[2])["metadata"]["resourceVersion"]

    def changes():
        time.sleep(0.2)
        control(p, "objects", demo)
        control(p, "delete", {"apiVersion": "v1", "kind": "Pod", "namespace": "rec", "name": "pb-watch"})
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&allowWatchBookmarks=true&resourceVersion=%s&timeoutSeconds=1.5" % rv,
                                     ctx=admin, on_start=changes, accept=PROTOBUF)
    stream = b"".join(c for _, c in chunks)
    frames = kubeproto.split_frames(stream)
    events = [kubeproto.decode_watch_event(f) for f in frames]
    types = [e["type"] for e in events]
    sizes, ok, i = [len(c) for _, c in chunks], True, 0
    for f in frames:  # one frame per chunk, or 2048 + rest when it is longer
        n = len(f) + 4
        want = [n] if n <= 2048 else [2048, n - 2048]
        ok = ok and sizes[i:i + len(want)] == want
        i += len(want)
    check("Content-Type: %s;stream=watch" % PROTOBUF in head and clean and ok and i == len(sizes),
          "protobuf watch: framed events, chunked as the real server (recording 95)")
    check(types[:2] == ["ADDED", "DELETED"] and "BOOKMARK" in types and events[0]["object"]["metadata"]["name"] == "pb-watch"
          and events[0]["object"]["kind"] == "Pod" and len(frames[0]) > 2048, "protobuf watch ADDED/DELETED + BOOKMARK (%s)" % types)
    bm = [e["object"] for e in events if e["type"] == "BOOKMARK"][0]
    check(bm["kind"] == "Pod" and bm["metadata"]["resourceVersion"].isdigit(), "protobuf BOOKMARK object")
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/configmaps?watch=1&timeoutSeconds=0.5", ctx=admin,
                                     accept=PROTOBUF + ";as=PartialObjectMetadata;g=meta.k8s.io;v=v1")
    evs = [kubeproto.decode_watch_event(f) for f in kubeproto.split_frames(b"".join(c for _, c in chunks))]
    check(len(evs) == 3 and all(e["object"]["kind"] == "PartialObjectMetadata" for e in evs), "metadata-only watch in protobuf")
    _, comp = control(p, "compact", {})
    head, chunks, clean = raw_stream(p, "/api/v1/namespaces/rec/pods?watch=1&resourceVersion=%s&timeoutSeconds=1" % rv, ctx=admin, accept=PROTOBUF)
    evs = [kubeproto.decode_watch_event(f) for f in kubeproto.split_frames(b"".join(c for _, c in chunks))]
    check(head.startswith("HTTP/1.1 200") and len(evs) == 1 and evs[0]["type"] == "ERROR" and evs[0]["object"]["code"] == 410
          and evs[0]["object"]["message"] == "too old resource version: %s (%s)" % (rv, comp["compacted"]), "protobuf watch: too old RV -> ERROR 410 Status")


if __name__ == "__main__":
    sys.exit(main())
