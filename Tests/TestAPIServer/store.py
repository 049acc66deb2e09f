"""In-memory object store with resourceVersions, a watch history, continue-token snapshots and
container logs, loaded from fixture folders and changed through the control API."""

import calendar
import copy
import json
import os
import re
import sys
import threading
import time
import uuid

from resources import BUILTIN, Resource, guess_plural


def now_rfc3339():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Registry:
    def __init__(self):
        self.by_path = {}   # (group, version, plural) -> Resource
        self.by_kind = {}   # (apiVersion, kind) -> Resource
        self.order = []     # group versions in discovery order
        for r in BUILTIN:
            self.add(r)

    def add(self, res):
        self.by_path[(res.group, res.version, res.plural)] = res
        self.by_kind.setdefault((res.api_version, res.kind), res)
        if res.group_version not in self.order:
            self.order.append(res.group_version)
        return res

    def for_object(self, obj):
        api_version, kind = obj.get("apiVersion", ""), obj.get("kind", "")
        res = self.by_kind.get((api_version, kind))
        if res is None:
            if not api_version or not kind:
                raise ValueError("object without apiVersion/kind: %r" % (obj.get("metadata"),))
            group, _, version = api_version.rpartition("/")
            namespaced = bool((obj.get("metadata") or {}).get("namespace"))
            res = self.add(Resource(group, version, guess_plural(kind), kind, namespaced))
        return res

    def resources(self, group, version):
        return [r for (g, v, _), r in self.by_path.items() if g == group and v == version]

    def groups(self):
        """[(group, [versions])] for /apis, in registration order."""
        out = {}
        for gv in self.order:
            if "/" in gv:
                g, v = gv.split("/", 1)
                out.setdefault(g, []).append(v)
        return list(out.items())


# ---------------------------------------------------------------- logs

KUBELET_TS = re.compile(rb"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{9})Z ")
APP_TS = re.compile(rb"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)")


def parse_ts_ns(base, frac=b"", zone=b"Z"):
    secs = calendar.timegm(time.strptime(base.decode(), "%Y-%m-%dT%H:%M:%S"))
    frac = (frac or b"").lstrip(b".")
    ns = int((frac + b"000000000")[:9]) if frac else 0
    if zone and zone != b"Z":
        sign = 1 if zone[:1] == b"+" else -1
        secs -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    return secs * 1_000_000_000 + ns


def format_ts_ns(ns):
    secs, frac = divmod(ns, 1_000_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + ".%09dZ" % frac


def split_lines(data):
    out, start = [], 0
    while start < len(data):
        i = data.find(b"\n", start)
        if i < 0:
            out.append(data[start:])
            break
        out.append(data[start:i + 1])
        start = i + 1
    return out


class LogFile:
    """Entries are [ts_ns, ts_is_real, line_bytes]. A file whose first line starts with a kubelet
    timestamp (9-digit fraction, Z, space) is kept as `<timestamp> <line>`: the prefix is stripped
    and used as the line's time. Otherwise a line's own leading RFC3339 time is its time
    (continuation lines inherit it); lines without any get the load time (not used by sinceSeconds)."""

    def __init__(self, data=b""):
        self.entries = []
        self.kubelet_format = bool(KUBELET_TS.match(data))
        self.append(data, loading=True)

    def append(self, data, loading=False):
        now_ns = time.time_ns()
        carry = None
        if self.entries and not self.entries[-1][2].endswith(b"\n"):
            prev = self.entries.pop()  # an unterminated last line continues
            data, carry = prev[2] + data, (prev[0], prev[1])
        last = (self.entries[-1][0], self.entries[-1][1]) if self.entries else (now_ns, False)
        added = []
        for idx, line in enumerate(split_lines(data)):
            m = KUBELET_TS.match(line) if self.kubelet_format and not (idx == 0 and carry) else None
            if m:
                ts, real, line = parse_ts_ns(m.group(1), m.group(2)), True, line[m.end():]
            elif idx == 0 and carry:
                ts, real = carry
            elif not loading:
                ts, real = now_ns, True
            else:
                a = APP_TS.match(line)
                if a:
                    ts, real = parse_ts_ns(a.group(1), a.group(2), a.group(3)), True
                else:
                    ts, real = last
            last = (ts, real)
            entry = [ts, real, line]
            self.entries.append(entry)
            added.append(entry)
        return added


def render_log(entries, tail=None, since_ns=None, timestamps=False):
    if since_ns is not None:
        entries = [e for e in entries if not e[1] or e[0] >= since_ns]
    if tail is not None:
        entries = entries[-tail:] if tail > 0 else []
    if timestamps:
        return b"".join(format_ts_ns(e[0]).encode() + b" " + e[2] for e in entries)
    return b"".join(e[2] for e in entries)


# ---------------------------------------------------------------- store

class Store:
    def __init__(self, registry, continue_ttl=300.0):
        self.registry = registry
        self.cond = threading.Condition(threading.RLock())
        self.objects = {}        # (storage, ns, name) -> obj; replaced (copy-on-write) on change
        self.rv = 0
        self.history = []        # dicts: rv, type, storage, ns, name, obj, prev
        self.compacted = 0
        self.continue_ttl = continue_ttl
        self.snapshots = {}      # rv -> (monotonic time of first token, objects)
        self._sorted_cache = {}  # (storage, ns, namespaced) -> (objects, sorted items, keys)
        self.logs = {}           # (ns, pod, container, previous) -> LogFile
        self.closed = False
        self.gen = 0             # bumped on every change (objects or logs); see wait_gen

    # -- loading
    def load_objects(self, objs):
        """Initial objects: keep their resourceVersions, fill the rest, record ADDED history."""
        with self.cond:
            numeric = [int(o["metadata"]["resourceVersion"]) for o in objs
                       if str((o.get("metadata") or {}).get("resourceVersion", "")).isdigit()]
            self.rv = max([self.rv] + numeric)
            for obj in objs:
                res = self.registry.for_object(obj)
                meta = obj.setdefault("metadata", {})
                if not str(meta.get("resourceVersion", "")).isdigit():
                    self.rv += 1
                    meta["resourceVersion"] = str(self.rv)
                self._fill(res, obj)
                key = (res.storage, meta.get("namespace", ""), meta["name"])
                new = dict(self.objects)
                new[key] = obj
                self.objects = new
            for key, obj in sorted(self.objects.items(), key=lambda kv: int(kv[1]["metadata"]["resourceVersion"])):
                self.history.append({"rv": int(obj["metadata"]["resourceVersion"]), "type": "ADDED",
                                     "storage": key[0], "ns": key[1], "name": key[2], "obj": obj, "prev": None})

    def _fill(self, res, obj, old=None):
        meta = obj.setdefault("metadata", {})
        if "name" not in meta:
            raise ValueError("object without metadata.name")
        if res.namespaced:
            meta.setdefault("namespace", "default")
        else:
            meta.pop("namespace", None)
        if not meta.get("uid"):
            meta["uid"] = (old or {}).get("metadata", {}).get("uid") or str(uuid.uuid4())
        if not meta.get("creationTimestamp"):
            meta["creationTimestamp"] = (old or {}).get("metadata", {}).get("creationTimestamp") or now_rfc3339()
        # key order as the apiserver writes metadata
        order = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                 "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
                 "annotations", "ownerReferences", "finalizers", "managedFields"]
        ordered = {k: meta[k] for k in order if k in meta}
        ordered.update({k: v for k, v in meta.items() if k not in ordered})
        obj["metadata"] = ordered
        head = {"kind": obj.get("kind"), "apiVersion": obj.get("apiVersion")}
        rest = {k: v for k, v in obj.items() if k not in ("kind", "apiVersion")}
        obj.clear()
        obj.update(head)
        obj.update(rest)

    # -- changes (control API)
    def put(self, obj):
        with self.cond:
            res = self.registry.for_object(obj)
            meta = obj.setdefault("metadata", {})
            ns = meta.get("namespace", "default") if res.namespaced else ""
            key = (res.storage, ns, meta.get("name"))
            old = self.objects.get(key)
            self.rv += 1
            meta["resourceVersion"] = str(self.rv)
            self._fill(res, obj, old)
            new = dict(self.objects)
            new[key] = obj
            self.objects = new
            typ = "MODIFIED" if old is not None else "ADDED"
            self.history.append({"rv": self.rv, "type": typ, "storage": key[0], "ns": key[1],
                                 "name": key[2], "obj": obj, "prev": old})
            self.gen += 1
            self.cond.notify_all()
            return typ, obj

    def delete(self, api_version, kind, ns, name):
        with self.cond:
            res = self.registry.by_kind.get((api_version, kind))
            if res is None:
                return None
            key = (res.storage, (ns or "default") if res.namespaced else "", name)
            old = self.objects.get(key)
            if old is None:
                return None
            self.rv += 1
            gone = copy.deepcopy(old)
            gone["metadata"]["resourceVersion"] = str(self.rv)
            new = dict(self.objects)
            del new[key]
            self.objects = new
            self.history.append({"rv": self.rv, "type": "DELETED", "storage": key[0], "ns": key[1],
                                 "name": key[2], "obj": gone, "prev": old})
            self.gen += 1
            self.cond.notify_all()
            return gone

    def compact(self):
        with self.cond:
            self.compacted = self.rv
            self.snapshots = {}
            self.gen += 1
            self.cond.notify_all()
            return self.rv

    def expire_history(self):
        """A new revision that nothing changed at, and history compacted up to it: every
        resourceVersion handed out so far is too old to watch from."""
        with self.cond:
            self.rv += 1
            self.compacted = self.rv
            self.snapshots = {}
            self.gen += 1
            self.cond.notify_all()
            return self.rv

    def expire_tokens(self):
        with self.cond:
            self.snapshots = {}

    # -- reads
    def get(self, res, ns, name):
        return self.objects.get((res.storage, ns if res.namespaced else "", name))

    def items(self, res, ns, objects=None):
        """[(key_for_paging, obj)] sorted like etcd keys: name in a namespace, ns/name across."""
        objs = self.objects if objects is None else objects
        out = []
        for (storage, ons, name), obj in objs.items():
            if storage != res.storage:
                continue
            if ns and ons != ns:
                continue
            out.append((name if (ns or not res.namespaced) else "%s/%s" % (ons, name), obj))
        out.sort(key=lambda kv: kv[0])
        return out

    def sorted_items(self, res, ns, objects=None):
        """items() and their keys, cached per snapshot (the object map is replaced on every change,
        so its identity names the snapshot)."""
        objs = self.objects if objects is None else objects
        cache_key = (res.storage, ns, res.namespaced)
        with self.cond:
            entry = self._sorted_cache.get(cache_key)
            if entry is not None and entry[0] is objs:
                return entry[1], entry[2]
        ordered = self.items(res, ns, objs)
        keys = [k for k, _ in ordered]
        with self.cond:
            self._sorted_cache[cache_key] = (objs, ordered, keys)
        return ordered, keys

    def snapshot_for_token(self, rv):
        with self.cond:
            snap = self.snapshots.get(rv)
            if snap is None:
                return None
            if time.monotonic() - snap[0] > self.continue_ttl:
                del self.snapshots[rv]
                return None
            return snap[1]

    def remember_snapshot(self, rv, objects):
        with self.cond:
            if rv not in self.snapshots:
                self.snapshots[rv] = (time.monotonic(), objects)
                if len(self.snapshots) > 200:
                    del self.snapshots[min(self.snapshots)]

    def events_after(self, rv, storage):
        with self.cond:
            # history is sorted by rv; scan from the end for speed
            i = len(self.history)
            while i > 0 and self.history[i - 1]["rv"] > rv:
                i -= 1
            return [e for e in self.history[i:] if e["storage"] == storage]

    def wait(self, timeout):
        with self.cond:
            if not self.closed:
                self.cond.wait(timeout)

    def wait_gen(self, gen, timeout):
        """Wait until something changed after generation `gen` was read (or timeout)."""
        with self.cond:
            if not self.closed and self.gen == gen:
                self.cond.wait(timeout)

    def close(self):
        with self.cond:
            self.closed = True
            self.gen += 1
            self.cond.notify_all()

    # -- logs
    def log(self, ns, pod, container, previous=False):
        return self.logs.get((ns, pod, container, bool(previous)))

    def append_log(self, ns, pod, container, previous, text):
        with self.cond:
            key = (ns, pod, container, bool(previous))
            data = text.encode("utf-8") if isinstance(text, str) else text
            lf = self.logs.get(key)
            if lf is None:
                lf = self.logs[key] = LogFile(b"")
            lf.append(data)
            self.gen += 1
            self.cond.notify_all()


# ---------------------------------------------------------------- fixture folders

def _objects_from_json(doc, source):
    if isinstance(doc, list):
        items, list_av, list_kind = doc, None, None
    elif isinstance(doc, dict) and isinstance(doc.get("items"), list) and str(doc.get("kind", "List")).endswith("List"):
        items, list_av, list_kind = doc["items"], doc.get("apiVersion"), doc.get("kind")
    elif isinstance(doc, dict):
        return [doc]
    else:
        raise ValueError("%s: not an object or a List" % source)
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if "kind" not in item and list_kind and list_kind != "List":
            item = dict(item, kind=list_kind[:-4])
        if "apiVersion" not in item and list_av:
            item = dict(item, apiVersion=list_av)
        out.extend(_objects_from_json(item, source) if item.get("kind", "").endswith("List") and
                   isinstance(item.get("items"), list) else [item])
    return out


def load_fixture_dir(path, store):
    """objects.json first, then other *.json, logs/<ns>/<pod>/<container>[.previous].log, then
    subfolders (each may be a fixture folder of its own)."""
    objs = []
    names = sorted(os.listdir(path))
    jsons = [n for n in names if n.endswith(".json") and os.path.isfile(os.path.join(path, n))]
    jsons.sort(key=lambda n: (n != "objects.json", n))
    for n in jsons:
        with open(os.path.join(path, n), "rb") as f:
            try:
                doc = json.loads(f.read().decode("utf-8"))
            except ValueError as e:
                raise ValueError("%s: %s" % (os.path.join(path, n), e))
        objs.extend(_objects_from_json(doc, n))
    logdir = os.path.join(path, "logs")
    if os.path.isdir(logdir):
        for ns in sorted(os.listdir(logdir)):
            nsdir = os.path.join(logdir, ns)
            if not os.path.isdir(nsdir):
                continue
            for pod in sorted(os.listdir(nsdir)):
                poddir = os.path.join(nsdir, pod)
                if not os.path.isdir(poddir):
                    continue
                for fn in sorted(os.listdir(poddir)):
                    if not fn.endswith(".log"):
                        continue
                    prev = fn.endswith(".previous.log")
                    container = fn[:-len(".previous.log")] if prev else fn[:-len(".log")]
                    with open(os.path.join(poddir, fn), "rb") as f:
                        store.logs[(ns, pod, container, prev)] = LogFile(f.read())
    for n in names:
        sub = os.path.join(path, n)
        if n != "logs" and os.path.isdir(sub) and not n.startswith("."):
            objs.extend(load_fixture_dir(sub, store))
    return objs


def load_fixtures(dirs, store):
    objs = []
    for d in dirs:
        if not os.path.isdir(d):
            print("apiserver: fixture folder %s does not exist" % d, file=sys.stderr)
            raise SystemExit(2)
        objs.extend(load_fixture_dir(d, store))
    store.load_objects(objs)
    return len(objs)
