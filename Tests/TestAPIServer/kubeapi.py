"""The Kubernetes API proper: request attributes, discovery, GET/LIST, paging, metadata-only,
watch. Pod logs live in podlogs.py. `h` is the HTTP handler (httpserve.Handler)."""

import base64
import bisect
import collections
import itertools
import json
import time

import encoding as enc
import kubeproto
import podlogs
from resources import VERBS, bookmark_object, field_values, view
from k8sselectors import FieldSelector, SelectorError, parse_fields, parse_labels

VERSION = {
    "major": "1", "minor": "32", "gitVersion": "v1.32.0",
    "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53", "gitTreeState": "clean",
    "buildDate": "2024-12-11T17:59:15Z", "goVersion": "go1.23.3", "compiler": "gc",
    "platform": "linux/amd64",
}
PUBLIC_PATHS = ("/version", "/healthz", "/livez", "/readyz")
NOT_ACCEPTABLE = ("406: Not Acceptable\n\nAvailable representations: application/json, "
                  "application/yaml, application/vnd.kubernetes.protobuf")


class RequestInfo:
    """What the apiserver's RequestInfoFactory derives from a request (for authz and routing)."""

    def __init__(self, method, path, query):
        self.path = path
        self.is_resource = False
        self.verb = {"GET": "get", "HEAD": "get", "POST": "create", "PUT": "update",
                     "PATCH": "patch", "DELETE": "delete"}.get(method, method.lower())
        self.group = self.version = self.resource = self.subresource = self.namespace = self.name = ""
        self.discovery = False
        parts = [p for p in path.strip("/").split("/")] if path.strip("/") else []
        if not parts or parts[0] not in ("api", "apis"):
            return
        if parts[0] == "api":
            if len(parts) < 3:
                self.discovery = True
                self.version = parts[1] if len(parts) > 1 else ""
                return
            self.version, rest = parts[1], parts[2:]
        else:
            if len(parts) < 4:
                self.discovery = True
                self.group = parts[1] if len(parts) > 1 else ""
                self.version = parts[2] if len(parts) > 2 else ""
                return
            self.group, self.version, rest = parts[1], parts[2], parts[3:]
        self.is_resource = True
        if rest[0] == "namespaces" and len(rest) > 1:
            self.namespace = rest[1]
            if len(rest) > 2 and rest[2] not in ("status", "finalize"):
                rest = rest[2:]
        self.resource = rest[0]
        if len(rest) > 1:
            self.name = rest[1]
        if len(rest) > 2:
            self.subresource = "/".join(rest[2:])
        if method in ("GET", "HEAD") and not self.name:
            watch = enc.parse_bool((query.get("watch") or [""])[-1])
            self.verb = "watch" if watch else "list"
        elif method in ("GET", "HEAD") and enc.parse_bool((query.get("watch") or [""])[-1]):
            self.verb = "watch"
        elif method == "DELETE" and not self.name:
            self.verb = "deletecollection"


# ---------------------------------------------------------------- discovery

def serve_nonresource(h, info):
    """Returns True when handled."""
    path, ctx = info.path, h.ctx
    if path == "/version" or path == "/version/":
        h.reply_raw_json(200, enc.indented(VERSION).encode())
        return True
    for p in ("/healthz", "/livez", "/readyz"):
        if path == p or path.startswith(p + "/"):
            h.reply_bytes(200, b"ok", "text/plain; charset=utf-8", headers=[("X-Content-Type-Options", "nosniff")])
            return True
    if path in ("/api", "/api/"):
        reply_document(h, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
            {"clientCIDR": "0.0.0.0/0", "serverAddress": ctx.server_address}]})
        return True
    if path in ("/apis", "/apis/"):
        groups = [_api_group(g, vs) for g, vs in ctx.registry.groups()]
        reply_document(h, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
        return True
    if info.discovery:
        if info.group and not info.version:
            for g, vs in ctx.registry.groups():
                if g == info.group:
                    reply_document(h, dict({"kind": "APIGroup", "apiVersion": "v1"}, **_api_group(g, vs)))
                    return True
            return False
        resources = ctx.registry.resources(info.group, info.version)
        if not resources:
            return False
        body = {"kind": "APIResourceList"}
        if info.group:
            body["apiVersion"] = "v1"
        body["groupVersion"] = resources[0].group_version
        body["resources"] = []
        for r in sorted(resources, key=lambda r: r.plural):
            entry = {"name": r.plural, "singularName": r.kind.lower(), "namespaced": r.namespaced,
                     "kind": r.kind, "verbs": VERBS}
            if r.short:
                entry["shortNames"] = r.short
            body["resources"].append(entry)
            if r.kind == "Pod" and r.group == "":
                body["resources"].append({"name": "pods/log", "singularName": "", "namespaced": True,
                                          "kind": "Pod", "verbs": ["get"]})
            body["resources"].append({"name": r.plural + "/status", "singularName": "",
                                      "namespaced": r.namespaced, "kind": r.kind,
                                      "verbs": ["get", "patch", "update"]})
        reply_document(h, body)
        return True
    return False


def _api_group(group, versions):
    vs = [{"groupVersion": "%s/%s" % (group, v), "version": v} for v in versions]
    return {"name": group, "versions": vs, "preferredVersion": vs[0]}


# ---------------------------------------------------------------- content negotiation

# The output a request negotiated: "json" or "protobuf", optionally as PartialObjectMetadata[List]
# of meta.k8s.io `version`.
Format = collections.namedtuple("Format", "encoding partial version")
JSON = Format("json", None, None)
MEDIA = {"json": ("application/json", "application/*", "*/*"),
         "protobuf": (kubeproto.MEDIA_TYPE, "application/*", "*/*")}


def _media_ranges(accept):
    """[(media type, params)] by q, then by order (q is dropped from params)."""
    ranges = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        params = {}
        for b in bits[1:]:
            if "=" in b:
                k, v = b.split("=", 1)
                params[k.strip().lower()] = v.strip().strip('"')
        try:
            q = float(params.pop("q", "1"))
        except ValueError:
            q = 1.0
        ranges.append((-q, i, bits[0].lower(), params))
    ranges.sort(key=lambda r: (r[0], r[1]))
    return [(mt, params) for _, _, mt, params in ranges]


def negotiate(accept, protobuf=True):
    """Acceptable outputs in preference order, as the apiserver walks them: each media range
    against its serializers in their order (JSON, then protobuf; the first match wins, so a
    wildcard means JSON).

    `protobuf`: whether the kind has a protobuf message. Without one (custom resources, and
    kinds whose .proto is not in the checkout) plain protobuf is not acceptable, as the
    apiserver's StandardSerializers make it for CRDs, but PartialObjectMetadata still is."""
    if not accept or not accept.strip():
        return [JSON]
    out = []
    for mt, params in _media_ranges(accept):
        for encoding in ("json", "protobuf"):
            if mt not in MEDIA[encoding] or (encoding == "protobuf" and not kubeproto.available()):
                continue
            as_ = params.get("as")
            if not as_:
                if encoding == "json" or protobuf:
                    out.append(Format(encoding, None, None))
            elif (as_ in ("PartialObjectMetadata", "PartialObjectMetadataList") and
                  params.get("g") == "meta.k8s.io" and params.get("v") in ("v1", "v1beta1") and
                  (encoding == "json" or kubeproto.message_for("meta.k8s.io/" + params["v"], as_))):
                out.append(Format(encoding, as_, params["v"]))
    return out


def error_encoding(accept):
    """How a Status error is written (apiserver's ErrorNegotiated): the first media range usable
    without a transformation (`as=` is refused for errors). None: no range is, and the error goes
    out as indented JSON without a newline (WriteRawJSON, recordings 29 and 66)."""
    if not accept or not accept.strip():
        return "json"
    for mt, params in _media_ranges(accept):
        if params.get("as"):
            continue
        if mt in MEDIA["json"]:
            return "json"
        if mt == kubeproto.MEDIA_TYPE and kubeproto.available():
            return "protobuf"
    return None


def has_proto(res, is_list=False):
    return kubeproto.message_for(res.api_version, res.kind + ("List" if is_list else "")) is not None


def choose_format(h, res, is_list):
    """The chosen output, or None after replying 406."""
    choices = negotiate(h.headers.get("Accept"), has_proto(res, is_list))
    if not choices:
        h.reply_raw_json(406, enc.indented(enc.status(406, NOT_ACCEPTABLE, "NotAcceptable", {})).encode())
        return None
    fmt = choices[0]
    if fmt.partial and (fmt.partial == "PartialObjectMetadataList") != is_list:
        internal = "*%s%s" % (res.internal, "List" if is_list else "")
        if is_list:
            msg = "you requested PartialObjectMetadata, but the requested object is a list (%s)" % internal
        else:
            msg = "you requested PartialObjectMetadataList, but the requested object is not a list (%s)" % internal
        # negotiated like every error: indented without a JSON fallback (66), compact with one (67)
        h.reply_json(406, enc.status(406, msg, "NotAcceptable"))
        return None
    return fmt


def present(res, obj, fmt):
    if fmt.partial:
        return {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/" + fmt.version,
                "metadata": obj.get("metadata", {})}
    return view(res, obj)


def proto_type(res, fmt, is_list=False):
    """(apiVersion, kind) in the envelope of a protobuf response."""
    if fmt.partial:
        return "meta.k8s.io/" + fmt.version, "PartialObjectMetadata" + ("List" if is_list else "")
    return res.api_version, res.kind + ("List" if is_list else "")


def proto_item(res, obj, fmt):
    """The protobuf message of a stored object as `res` presents it, encoded once per version of
    the object (lists of thousands of pods concatenate these)."""
    if fmt.partial:  # v1 and v1beta1 share the message
        return kubeproto.CACHE.get(obj, "PartialObjectMetadata", lambda: kubeproto.encode(
            kubeproto.META + "PartialObjectMetadata", {"metadata": obj.get("metadata", {})}))
    name = kubeproto.message_for(res.api_version, res.kind)
    return kubeproto.CACHE.get(obj, name, lambda: kubeproto.encode(name, view(res, obj)))


def proto_body(obj):
    """The envelope of an object that is not stored (bookmarks, Status): not cached."""
    api_version, kind = obj["apiVersion"], obj["kind"]
    return kubeproto.envelope(api_version, kind, kubeproto.encode(kubeproto.message_for(api_version, kind), obj))


def reply_object(h, res, obj, fmt):
    if fmt.encoding == "protobuf":
        api_version, kind = proto_type(res, fmt)
        h.reply_bytes(200, kubeproto.envelope(api_version, kind, proto_item(res, obj, fmt)), kubeproto.MEDIA_TYPE)
    else:
        h.reply_json(200, present(res, obj, fmt))


def reply_document(h, obj):
    """A discovery document (APIVersions, APIGroupList, APIGroup, APIResourceList): protobuf when
    that is what the Accept header prefers, JSON otherwise."""
    choices = negotiate(h.headers.get("Accept"))
    if choices and choices[0] == Format("protobuf", None, None):
        h.reply_bytes(200, proto_body(dict(obj, apiVersion="v1")), kubeproto.MEDIA_TYPE)
    else:
        h.reply_json(200, obj)


# ---------------------------------------------------------------- resources

def serve_resource(h, info, method):
    ctx = h.ctx
    res = ctx.registry.by_path.get((info.group, info.version, info.resource))
    if res is None:
        if not any(g == info.group and v == info.version for (g, v, _) in ctx.registry.by_path):
            return False  # unknown group/version: plain 404
        h.reply_json(404, enc.status(404, None, "NotFound", {}))
        return True
    if (info.namespace and not res.namespaced and res.plural != "namespaces") or \
            (res.plural == "namespaces" and info.namespace and info.name != info.namespace):
        h.reply_json(404, enc.status(404, None, "NotFound", {}))
        return True
    if method not in ("GET",):
        h.reply_json(405, enc.status(405, None, "MethodNotAllowed", {}))
        return True
    if info.subresource:
        if info.subresource == "log" and res.kind == "Pod" and res.group == "":
            podlogs.serve(h, info, res)
            return True
        if info.subresource != "status":
            h.reply_json(404, enc.status(404, None, "NotFound", {}))
            return True
    if info.verb == "get":
        fmt = choose_format(h, res, False)
        if fmt is None:
            return True
        ns = info.namespace if res.namespaced else ""
        if res.namespaced and not ns:  # /api/v1/pods/NAME is not a route
            h.reply_json(404, enc.status(404, None, "NotFound", {}))
            return True
        obj = ctx.store.get(res, ns, info.name)
        if obj is None:
            h.reply_json(404, enc.not_found(res.plural, info.name, res.group))
        else:
            reply_object(h, res, obj, fmt)
        return True
    serve_collection(h, info, res)
    return True


def _selectors(h, res):
    try:
        ls = parse_labels((h.query.get("labelSelector") or [""])[-1])
        fs = parse_fields((h.query.get("fieldSelector") or [""])[-1], res.fields)
    except SelectorError as e:
        h.reply_json(400, enc.bad_request(str(e)))
        return None
    return ls, fs


def _matches(res, obj, ls, fs):
    if obj is None:
        return False
    v = view(res, obj) if res.storage == "events" else obj
    return ls.matches((v.get("metadata") or {}).get("labels")) and (fs.empty() or fs.matches(field_values(res, v)))


def encode_token(rv, start):
    raw = json.dumps({"v": "meta.k8s.io/v1", "rv": rv, "start": start}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(token):
    pad = "=" * (-len(token) % 4)
    data = json.loads(base64.urlsafe_b64decode(token + pad).decode())
    if data.get("v") != "meta.k8s.io/v1" or not isinstance(data.get("rv"), int):
        raise ValueError("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
    start = data.get("start", "")
    if start.startswith("/"):
        start = start[1:]
    if start.endswith("\x00"):
        start = start[:-1]
    return data["rv"], start


def serve_collection(h, info, res):
    ctx, q = h.ctx, h.query
    sel = _selectors(h, res)
    if sel is None:
        return
    ls, fs = sel
    if info.name:  # watch of one object = watch with metadata.name
        fs = FieldSelector(fs.reqs + [("metadata.name", "=", info.name)])
    if info.verb == "watch":
        fmt = choose_format(h, res, False) if _wants_partial_single(h) else choose_format(h, res, True)
        if fmt is not None:
            serve_watch(h, info, res, ls, fs, fmt)
        return
    fmt = choose_format(h, res, True)
    if fmt is None:
        return
    store = ctx.store
    rv_param = (q.get("resourceVersion") or [""])[-1]
    if rv_param and rv_param != "0" and rv_param.isdigit() and int(rv_param) > store.rv:
        deadline = time.monotonic() + 3.0
        while int(rv_param) > store.rv and time.monotonic() < deadline and not h.server_stopping():
            store.wait(0.1)
        if int(rv_param) > store.rv:
            h.reply_json(504, enc.status(
                504, "Timeout: Too large resource version: %s, current: %d" % (rv_param, store.rv), "Timeout",
                {"causes": [{"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}],
                 "retryAfterSeconds": 1}), headers=[("Retry-After", "1")])
            return
    limit = None
    raw_limit = (q.get("limit") or [""])[-1]
    if raw_limit:
        try:
            limit = int(raw_limit)
        except ValueError:
            h.reply_json(400, enc.bad_request('strconv.ParseInt: parsing "%s": invalid syntax' % raw_limit))
            return
        if limit <= 0:
            limit = None
    token = (q.get("continue") or [""])[-1]
    start = None
    with store.cond:
        objects, list_rv = store.objects, store.rv
    if token:
        try:
            trv, start = decode_token(token)
        except Exception as e:  # noqa: BLE001 - any malformed token
            msg = str(e) if str(e).startswith("continue key") else "continue key is not valid: %s" % e
            h.reply_json(400, enc.bad_request(msg))
            return
        if trv != -1:
            snap = store.snapshot_for_token(trv) if trv >= store.compacted else None
            if snap is None:
                meta = {"continue": encode_token(-1, start + "\x00")}
                h.reply_json(410, enc.status(410, (
                    "The provided continue parameter is too old to display a consistent list result. "
                    "You can start a new list without the continue parameter, or use the continue token "
                    "in this response to retrieve the remainder of the results. Continuing with the "
                    "provided token results in an inconsistent list - objects that were created, "
                    "modified, or deleted between the time the first chunk was returned and now may "
                    "show up in the list."), "Expired", metadata=meta))
                return
            objects, list_rv = snap, trv
    elif rv_param == "0":
        limit = None
    ns = info.namespace if res.namespaced else ""
    # A page costs what it holds, not the whole collection (a 50,000-pod list is 100 pages): the
    # sorted keys are cached per snapshot, the page starts by bisection, and matching stops after it.
    ordered, keys = store.sorted_items(res, ns, objects)
    first = bisect.bisect_right(keys, start) if start is not None else 0
    if ls.empty() and fs.empty():
        remaining = len(ordered) - first
        page = ordered[first:first + limit] if limit is not None else ordered[first:]
    else:
        page = []
        for k, o in itertools.islice(ordered, first, None):
            if _matches(res, o, ls, fs):
                page.append((k, o))
                if limit is not None and len(page) > limit:
                    break
        remaining = len(page)
        page = page[:limit] if limit is not None else page
    meta = {"resourceVersion": str(list_rv)}
    if limit is not None and remaining > limit:
        store.remember_snapshot(list_rv, objects)
        meta["continue"] = encode_token(list_rv, ("" if token else "/") + page[-1][0] + "\x00")
        if ls.empty() and fs.empty():
            meta["remainingItemCount"] = remaining - limit
    if fmt.encoding == "protobuf":
        api_version, kind = proto_type(res, fmt, is_list=True)
        raw = kubeproto.encode_list(kubeproto.message_for(api_version, kind), meta,
                                    [proto_item(res, o, fmt) for _, o in page])
        h.reply_bytes(200, kubeproto.envelope(api_version, kind, raw), kubeproto.MEDIA_TYPE)
        return
    if fmt.partial:
        body = {"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/" + fmt.version, "metadata": meta,
                "items": [present(res, o, fmt) for _, o in page]}
    else:
        out = []
        for _, o in page:
            v = view(res, o)
            out.append({k: x for k, x in v.items() if k not in ("kind", "apiVersion")})
        body = {"kind": res.kind + "List", "apiVersion": res.api_version, "metadata": meta, "items": out}
    h.reply_json(200, body)


def _wants_partial_single(h):
    choices = negotiate(h.headers.get("Accept"))
    return bool(choices) and choices[0].partial == "PartialObjectMetadata"


# ---------------------------------------------------------------- watch

def serve_watch(h, info, res, ls, fs, fmt):
    ctx, q, store = h.ctx, h.query, h.ctx.store
    rv_param = (q.get("resourceVersion") or [""])[-1]
    bookmarks = enc.parse_bool((q.get("allowWatchBookmarks") or [""])[-1]) is True
    initial_events = enc.parse_bool((q.get("sendInitialEvents") or [""])[-1]) is True
    timeout = None
    if (q.get("timeoutSeconds") or [""])[-1]:
        try:
            timeout = float(q["timeoutSeconds"][-1])
        except ValueError:
            h.reply_json(400, enc.bad_request('strconv.ParseInt: parsing "%s": invalid syntax' % q["timeoutSeconds"][-1]))
            return
    ns = info.namespace if res.namespaced else ""
    with store.cond:
        objects, current = store.objects, store.rv
        compacted = store.compacted
    if rv_param and rv_param != "0" and not rv_param.isdigit():
        h.reply_json(400, enc.bad_request('invalid resource version: strconv.ParseUint: parsing "%s": invalid syntax' % rv_param))
        return
    proto = fmt.encoding == "protobuf"
    h.stream_start(200, kubeproto.WATCH_MEDIA_TYPE if proto else "application/json")

    def send(typ, obj, stored=False):
        """One event per flush. `stored`: obj is a stored object (its encoding is cached)."""
        if not proto:
            line = enc.compact({"type": typ, "object": present(res, obj, fmt) if stored else obj}) + "\n"
            return h.stream_write(line.encode("utf-8"))
        if stored:
            api_version, kind = proto_type(res, fmt)
            body = kubeproto.envelope(api_version, kind, proto_item(res, obj, fmt))
        else:
            body = proto_body(obj)
        frame = kubeproto.watch_frame(typ, body)
        # Go writes the 4-byte length and the event separately through net/http's 2048-byte
        # buffer, so a frame over 2048 bytes goes out as two chunks: 2048, then the rest (95).
        if len(frame) > 2048 and not h.stream_write(frame[:2048]):
            return False
        return h.stream_write(frame[2048:] if len(frame) > 2048 else frame)

    def bookmark(rv, annotations=None):
        # converted like every watched object: PartialObjectMetadata when that was asked for
        return send("BOOKMARK", present(res, bookmark_object(res, rv, annotations), fmt))

    if rv_param and rv_param != "0" and int(rv_param) < compacted:
        send("ERROR", enc.status(410, "too old resource version: %s (%d)" % (rv_param, compacted), "Expired"))
        h.stream_end()
        return
    if not rv_param or rv_param == "0" or initial_events:
        for _, obj in store.items(res, ns, objects):
            if _matches(res, obj, ls, fs) and not send("ADDED", obj, stored=True):
                return
        last = current
        if initial_events and bookmarks:
            if not bookmark(current, {"k8s.io/initial-events-end": "true"}):
                return
    else:
        last = int(rv_param)
    interval = ctx.bookmark_interval
    generation = ctx.watch_generation
    t0 = time.monotonic()
    deadline = t0 + timeout if timeout else None
    next_bookmark = t0 + interval
    seen = last
    while True:
        if h.server_stopping() or h.peer_gone():
            h.abort()
            return
        now = time.monotonic()
        if (deadline is not None and now >= deadline) or ctx.watch_generation != generation:
            h.stream_end()
            return
        with store.cond:
            events = store.events_after(last, res.storage)
            seen = max(seen, store.rv)
            gen = store.gen
        for e in events:
            last = e["rv"]
            if ns and e["ns"] != ns:
                continue
            new_ok = _matches(res, e["obj"], ls, fs)
            if e["type"] == "ADDED":
                typ = "ADDED" if new_ok else None
            elif e["type"] == "DELETED":
                typ = "DELETED" if _matches(res, e["prev"], ls, fs) else None
            else:
                old_ok = _matches(res, e["prev"], ls, fs)
                typ = {(True, True): "MODIFIED", (False, True): "ADDED", (True, False): "DELETED"}.get((old_ok, new_ok))
            if typ and not send(typ, e["obj"], stored=True):
                return
        if bookmarks and now >= next_bookmark:
            if not bookmark(seen):
                return
            next_bookmark = now + interval
        waits = [0.25]
        if deadline is not None:
            waits.append(max(0.0, deadline - time.monotonic()))
        if bookmarks:
            waits.append(max(0.0, next_bookmark - time.monotonic()))
        store.wait_gen(gen, min(waits) + 0.001)
