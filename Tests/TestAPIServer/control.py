"""The control API (/_control/..., never recorded, no auth), injected faults, and the /test/...
endpoints used to exercise a client's transport."""

import email.utils
import json
import threading

import encoding as enc

HTML_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


def _reply(h, code, obj):
    body = (json.dumps(obj) + "\n").encode()
    head = ("HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nDate: %s\r\n\r\n"
            % (code, h.responses.get(code, ("",))[0], len(body), email.utils.formatdate(usegmt=True)))
    h.wfile.write(head.encode() + body)


def serve_control(h, body):
    ctx, path, method = h.ctx, h.path_only, h.command
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else None
    except ValueError as e:
        return _reply(h, 400, {"error": "invalid JSON: %s" % e})
    store = ctx.store
    try:
        if method == "GET" and path == "/_control/requests":
            since = int((h.query.get("since") or ["0"])[-1])
            with ctx.lock:
                out = json.loads(json.dumps([r for r in ctx.records if r["seq"] > since]))
            return _reply(h, 200, out)
        if method == "GET" and path == "/_control/connections":
            with ctx.lock:
                out = json.loads(json.dumps(list(ctx.connections.values())))
            return _reply(h, 200, out)
        if method == "GET" and path == "/_control/proxy-log":
            with ctx.lock:
                out = json.loads(json.dumps(ctx.proxy_log))
            return _reply(h, 200, out)
        if method == "GET" and path == "/_control/threads":
            return _reply(h, 200, {"threads": threading.active_count()})
        if method == "POST" and path == "/_control/reset":
            with ctx.lock:
                ctx.records.clear()
                ctx.connections.clear()
                ctx.proxy_log.clear()
                ctx.faults.clear()
            return _reply(h, 200, {})
        if path == "/_control/faults":
            if method == "DELETE":
                with ctx.lock:
                    ctx.faults.clear()
                return _reply(h, 200, {})
            if method == "GET":
                with ctx.lock:
                    return _reply(h, 200, list(ctx.faults))
            if method == "POST":
                if not isinstance(data, dict) or not (data.get("path") or data.get("path_prefix")):
                    return _reply(h, 400, {"error": "a fault needs path or path_prefix"})
                kinds = [k for k in ("status", "delay", "drop", "truncate", "html") if data.get(k) not in (None, False)]
                if len(kinds) != 1:
                    return _reply(h, 400, {"error": "a fault needs exactly one of status, delay, drop, truncate, html"})
                fault = dict(data, id=next(ctx.fault_ids))
                fault["remaining"] = data.get("times")
                with ctx.lock:
                    ctx.faults.append(fault)
                return _reply(h, 201, {"id": fault["id"]})
        if method == "POST" and path == "/_control/objects":
            items = data.get("items") if isinstance(data, dict) and isinstance(data.get("items"), list) \
                and str(data.get("kind", "")).endswith("List") else [data]
            out = []
            for obj in items:
                if not isinstance(obj, dict):
                    return _reply(h, 400, {"error": "not an object: %r" % (obj,)})
                typ, stored = store.put(json.loads(json.dumps(obj)))
                meta = stored["metadata"]
                out.append({"type": typ, "kind": stored.get("kind"), "namespace": meta.get("namespace"),
                            "name": meta.get("name"), "uid": meta.get("uid"),
                            "resourceVersion": meta["resourceVersion"]})
            return _reply(h, 201, {"resourceVersion": str(store.rv), "items": out})
        if method == "POST" and path == "/_control/delete":
            gone = store.delete(data.get("apiVersion", "v1"), data.get("kind"), data.get("namespace"), data.get("name"))
            if gone is None:
                return _reply(h, 404, {"error": "not found"})
            return _reply(h, 200, {"resourceVersion": gone["metadata"]["resourceVersion"]})
        if method == "POST" and path == "/_control/logs":
            store.append_log(data.get("namespace", "default"), data["pod"], data["container"],
                             bool(data.get("previous")), data.get("append", ""))
            return _reply(h, 200, {})
        if method == "POST" and path == "/_control/expire-continue-tokens":
            store.expire_tokens()
            return _reply(h, 200, {})
        if method == "POST" and path == "/_control/end-watches":
            # {"expire": true}: the restarted server's watch cache starts after every resourceVersion a
            # client holds, so each reconnecting watch gets 410 and lists again.
            if isinstance(data, dict) and data.get("expire"):
                store.expire_history()
            with ctx.lock:
                ctx.watch_generation += 1
            return _reply(h, 200, {})
        if method == "POST" and path == "/_control/compact":
            return _reply(h, 200, {"compacted": str(store.compact())})
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        return _reply(h, 400, {"error": "%s: %s" % (type(e).__name__, e)})
    return _reply(h, 404, {"error": "no such control endpoint: %s %s" % (method, path)})


# ---------------------------------------------------------------- faults

def _match(h):
    ctx = h.ctx
    with ctx.lock:
        for f in ctx.faults:
            if f.get("path") is not None and f["path"] != h.path_only:
                continue
            if f.get("path_prefix") is not None and not h.path_only.startswith(f["path_prefix"]):
                continue
            if f.get("query_contains") is not None and f["query_contains"] not in h.raw_query:
                continue
            if f.get("method") and f["method"].upper() != h.command:
                continue
            if f["remaining"] is not None:
                if f["remaining"] <= 0:
                    continue
                f["remaining"] -= 1
            return dict(f)
    return None


def apply_faults(h):
    """True when a fault answered (or dropped) the request; a delay fault returns False."""
    f = _match(h)
    if f is None:
        return False
    h.record["fault"] = f["id"]
    if f.get("delay") is not None:
        if not h.sleep(float(f["delay"])):
            h.abort()
            return True
        return False
    if f.get("drop"):
        h.abort()
        return True
    if f.get("truncate"):
        truncate(h)
        return True
    if f.get("html"):
        html_502(h)
        return True
    code = int(f["status"])
    headers = []
    details = None
    if f.get("retry_after") is not None:
        headers.append(("Retry-After", str(f["retry_after"])))
        details = {"retryAfterSeconds": int(float(f["retry_after"]))}
    if f.get("body") is not None:
        h.reply_bytes(code, f["body"].encode("utf-8"), f.get("content_type") or "text/plain; charset=utf-8",
                      headers=headers)
    else:
        h.reply_json(code, enc.status(code, None, None, details), headers=headers)
    return True


def truncate(h):
    h.send_head(200, h._std_headers(200, True) + [("Content-Type", "application/json")], length=1000)
    h.stream_write(b'{"kind":"P')
    h.abort()


def html_502(h):
    hs = [("Server", "nginx"), ("Content-Type", "text/html")]
    h.send_head(502, hs, length=len(HTML_502), body=HTML_502)


# ---------------------------------------------------------------- /test endpoints

def _num(h, key, default, cast=float):
    raw = (h.query.get(key) or [None])[-1]
    if raw is None or raw == "":
        return default
    return cast(raw)


def serve_test(h):
    path = h.path_only
    try:
        if path == "/test/echo":
            h.record["status"] = 200
            h.reply_json(200, h.record)
        elif path == "/test/bytes":
            n = max(2, _num(h, "n", 2, int))
            h.reply_bytes(200, b'"' + b"x" * (n - 2) + b'"', "application/json")
        elif path.startswith("/test/status/"):
            code = int(path.rsplit("/", 1)[1])
            ra = _num(h, "retry_after", None)
            headers, details = [], None
            if ra is not None:
                headers.append(("Retry-After", "%g" % ra))
                details = {"retryAfterSeconds": int(ra)}
            h.reply_json(code, enc.status(code, None, None, details), headers=headers)
        elif path == "/test/delay":
            s = _num(h, "seconds", 1.0)
            if not h.sleep(s):
                h.abort()
                return True
            h.reply_json(200, {"slept": int(s) if s == int(s) else s})
        elif path == "/test/stream":
            stream(h, _num(h, "lines", 10, int), _num(h, "interval", 0.1), _num(h, "bytes", 0, int))
        elif path == "/test/stream-truncated":
            lines = _num(h, "lines", 3, int)
            h.stream_start(200, "application/json")
            for i in range(lines):
                if not h.stream_write(_line(i, 0)):
                    return True
            h.abort()
        elif path == "/test/drop":
            h.abort()
        elif path == "/test/truncate":
            truncate(h)
        elif path == "/test/html-error":
            html_502(h)
        else:
            return False
    except ValueError as e:
        h.reply_json(400, enc.bad_request(str(e)))
    return True


def _line(i, size):
    line = '{"n":%d,"pad":"' % i
    pad = max(0, size - len(line) - 3)
    return (line + "x" * pad + '"}\n').encode()


def stream(h, lines, interval, size):
    h.stream_start(200, "application/json")
    i = 0
    while lines == 0 or i < lines:
        if i and not h.sleep(interval):
            h.abort()
            return
        if not h.stream_write(_line(i, size)):
            return
        i += 1
    h.stream_end()
