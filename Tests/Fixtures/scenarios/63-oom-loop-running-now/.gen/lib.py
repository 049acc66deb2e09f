"""Scratch generator helpers for scenario folders 63-73 (removed after generation)."""
import json, os, random, uuid, hashlib, datetime as dt, shutil

ROOT = '/work/main/Tests/Fixtures/scenarios'
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 25, 14, 0, 0, tzinfo=UTC)
SAFE = 'bcdfghjklmnpqrstvwxz2456789'


def at(sec):
    return NOW + dt.timedelta(seconds=sec)


def T(s):
    return dt.datetime.strptime(s, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC)


def ts(d):
    return d.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def tsu(d):
    return d.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def tsm(d):
    return d.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (d.microsecond // 1000)


def secs(d):
    return (d - NOW).total_seconds()


class Gen:
    def __init__(self, seed, rv_start):
        self.r = random.Random(seed)
        self.rvn = rv_start

    def uid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def hex(self, n=64):
        return ''.join(self.r.choice('0123456789abcdef') for _ in range(n))

    def digest(self):
        return 'sha256:' + self.hex(64)

    def rv(self):
        self.rvn += self.r.randint(3, 97)
        return str(self.rvn)

    def safe(self, n):
        return ''.join(self.r.choice(SAFE) for _ in range(n))

    def sub(self):
        return self.r.randint(1000, 999999) * 1000  # ns within the second

    def evname(self, objname, d):
        ns = int(d.replace(microsecond=0).timestamp()) * 10**9 + (d.microsecond * 1000 if d.microsecond else self.sub())
        return '%s.%x' % (objname, ns)

    def b64ish(self, n):
        return ''.join(self.r.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(n))


def api_volume(g):
    name = 'kube-api-access-' + g.b64ish(5)
    vol = {"name": name, "projected": {"sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}],
        "defaultMode": 420}}
    return name, vol


def api_mount(name):
    return {"name": name, "readOnly": True, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}


def status_mount(m):
    return {"name": m["name"], "mountPath": m["mountPath"], **({"readOnly": True, "recursiveReadOnly": "Disabled"} if m.get("readOnly") else {})}


TOLERATIONS = [
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}]

CA = ("-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIUzR0cmVjb3JkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n"
      "BAMTCmt1YmVybmV0ZXMwHhcNMjYxMDE2MDkxMjA0WhcNMzYxMDE0MDkxNzA0WjAV\n-----END CERTIFICATE-----\n")


def namespace(g, name, created, labels=None, annotations=None):
    md = {"name": name, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(created),
          "labels": {"kubernetes.io/metadata.name": name, **(labels or {})}}
    if annotations:
        md["annotations"] = annotations
    return {"kind": "Namespace", "apiVersion": "v1", "metadata": md, "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


def service_account(g, ns, created, name='default', extra=None):
    o = {"kind": "ServiceAccount", "apiVersion": "v1", "metadata": {"name": name, "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(created)}}
    if extra:
        o.update(extra)
    return o


def root_ca(g, ns, created):
    return {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "kube-root-ca.crt", "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(created),
            "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service (kubernetes.default.svc). No other usage is guaranteed across distributions of Kubernetes clusters."}},
            "data": {"ca.crt": CA}}


def ns_basics(g, ns, created, labels=None, annotations=None, sa_extra=None):
    return [namespace(g, ns, created, labels, annotations), service_account(g, ns, created + dt.timedelta(seconds=1), extra=sa_extra), root_ca(g, ns, created + dt.timedelta(seconds=1))]


def node_conditions(hb, since, extra=None):
    c = list(extra or [])
    for typ, reason, msg in [("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                             ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                             ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available")]:
        c.append({"type": typ, "status": "False", "lastHeartbeatTime": ts(hb), "lastTransitionTime": ts(since), "reason": reason, "message": msg})
    c.append({"type": "Ready", "status": "True", "lastHeartbeatTime": ts(hb), "lastTransitionTime": ts(since + dt.timedelta(seconds=14)), "reason": "KubeletReady", "message": "kubelet is posting ready status"})
    return c


def node(g, name, created, labels, annotations, spec, capacity, allocatable, addresses, nodeinfo, hb, cond_extra=None, finalizers=None, images=None):
    md = {"name": name, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(created), "labels": labels, "annotations": annotations}
    if finalizers:
        md["finalizers"] = finalizers
    st = {"capacity": capacity, "allocatable": allocatable, "conditions": node_conditions(hb, created + dt.timedelta(seconds=3), cond_extra),
          "addresses": addresses, "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
          "nodeInfo": {"machineID": g.hex(32), "systemUUID": str(uuid.UUID(int=g.r.getrandbits(128))), "bootID": g.uid(), **nodeinfo}}
    if images:
        st["images"] = images
    return {"kind": "Node", "apiVersion": "v1", "metadata": md, "spec": spec, "status": st}


def cond(typ, status, t, reason=None, message=None):
    c = {"type": typ, "status": status, "lastProbeTime": None, "lastTransitionTime": ts(t)}
    if reason:
        c["reason"] = reason
    if message:
        c["message"] = message
    return c


def deployment(g, ns, name, created, labels, replicas, template_spec, revision, status, annotations=None, strategy=None, generation=1):
    ann = {"deployment.kubernetes.io/revision": str(revision), **(annotations or {})}
    return {"kind": "Deployment", "apiVersion": "apps/v1",
            "metadata": {"name": name, "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "generation": generation, "creationTimestamp": ts(created), "labels": labels, "annotations": ann},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels}, "template": {"metadata": {"creationTimestamp": None, "labels": labels}, "spec": template_spec},
                     "strategy": strategy or {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
                     "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600},
            "status": status}


def replicaset(g, ns, dep, hash_, created, replicas, template_spec, revision, status, max_replicas=None):
    labels = dict(dep["metadata"]["labels"], **{"pod-template-hash": hash_})
    desired = dep["spec"]["replicas"]
    mx = max_replicas if max_replicas is not None else desired + max(1, -(-desired * 25 // 100))
    return {"kind": "ReplicaSet", "apiVersion": "apps/v1",
            "metadata": {"name": dep["metadata"]["name"] + '-' + hash_, "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "generation": 1, "creationTimestamp": ts(created), "labels": labels,
                         "annotations": {"deployment.kubernetes.io/desired-replicas": str(desired), "deployment.kubernetes.io/max-replicas": str(mx), "deployment.kubernetes.io/revision": str(revision)},
                         "ownerReferences": [owner_ref(dep)]},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels}, "template": {"metadata": {"creationTimestamp": None, "labels": labels}, "spec": template_spec}},
            "status": status}


def owner_ref(o):
    return {"apiVersion": o["apiVersion"], "kind": o["kind"], "name": o["metadata"]["name"], "uid": o["metadata"]["uid"], "controller": True, "blockOwnerDeletion": True}


def obj_ref(o, fieldPath=None, rv=None):
    r = {"kind": o["kind"], "namespace": o["metadata"].get("namespace", ""), "name": o["metadata"]["name"], "uid": o["metadata"]["uid"], "apiVersion": o["apiVersion"]}
    if not r["namespace"]:
        del r["namespace"]
    r["resourceVersion"] = rv or o["metadata"]["resourceVersion"]
    if fieldPath:
        r["fieldPath"] = fieldPath
    return r


def core_event(g, target, reason, message, first, last, count, typ='Normal', component='kubelet', host=None, fieldPath=None, instance=None, name_time=None, ref=None, involved_rv=None):
    ns = target["metadata"].get("namespace") or "default"
    ev = {"kind": "Event", "apiVersion": "v1",
          "metadata": {"name": g.evname(target["metadata"]["name"], name_time or first), "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(first)},
          "involvedObject": ref or obj_ref(target, fieldPath, involved_rv),
          "reason": reason, "message": message,
          "source": {"component": component, **({"host": host} if host else {})},
          "firstTimestamp": ts(first), "lastTimestamp": ts(last), "count": count, "type": typ, "eventTime": None,
          "reportingComponent": component, "reportingInstance": instance if instance is not None else (host or "")}
    return ev


def sched_event(g, pod, node_name, t, involved_rv=None):
    ns = pod["metadata"]["namespace"]
    ref = obj_ref(pod, None, involved_rv)
    return {"kind": "Event", "apiVersion": "events.k8s.io/v1",
            "metadata": {"name": g.evname(pod["metadata"]["name"], t), "namespace": ns, "uid": g.uid(), "resourceVersion": g.rv(), "creationTimestamp": ts(t.replace(microsecond=0) + dt.timedelta(seconds=1 if t.microsecond > 500000 else 0))},
            "eventTime": tsu(t), "reportingController": "default-scheduler", "reportingInstance": "default-scheduler-" + SCHED_INSTANCE[0],
            "action": "Binding", "reason": "Scheduled", "regarding": ref,
            "note": "Successfully assigned %s/%s to %s" % (ns, pod["metadata"]["name"], node_name), "type": "Normal",
            "deprecatedSource": {}, "deprecatedFirstTimestamp": None, "deprecatedLastTimestamp": None}


SCHED_INSTANCE = ["cp-1"]


class KubeletEvents:
    """Models client-go's EventCorrelator for one kubelet and one pod: the aggregator (10 distinct
    messages of one reason within 10 min -> '(combined from similar events): ...'), the logger
    (count = every occurrence), and the spam filter (one token bucket per source+object, burst 25,
    one token per 300 s). Only writes that get a token reach the API; an object not written for an
    hour has expired (event TTL 1h)."""

    def __init__(self, g, pod, host, start_tokens=25.0):
        self.g, self.pod, self.host = g, pod, host
        self.tokens, self.last_refill = start_tokens, None
        self.cache = {}   # key -> dict(count, first, name_time, api (dict or None), message)
        self.agg = {}     # (reason, fieldPath, type) -> dict(keys:set, last)
        self.order = []

    def _take(self, t):
        if self.last_refill is not None:
            self.tokens = min(25.0, self.tokens + (t - self.last_refill).total_seconds() / 300.0)
        self.last_refill = t
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def emit(self, t, reason, message, fieldPath=None, typ='Normal', aggregate=True):
        akey = (reason, fieldPath, typ)
        key = (reason, fieldPath, typ, message)
        if aggregate:
            rec = self.agg.get(akey)
            if rec is None or (t - rec['last']).total_seconds() > 600:
                rec = {'keys': set(), 'last': t}
            rec['keys'].add(message)
            rec['last'] = t
            self.agg[akey] = rec
            if len(rec['keys']) >= 10:
                rec['keys'].pop()
                key = (reason, fieldPath, typ, '(aggregate)')
                message = '(combined from similar events): ' + message
        c = self.cache.get(key)
        if c is None:
            c = {'count': 0, 'first': t, 'name_time': t, 'api': None, 'reason': reason, 'fieldPath': fieldPath, 'typ': typ}
            self.cache[key] = c
            self.order.append(key)
        c['count'] += 1
        c['message'] = message
        if self._take(t):
            c['api'] = {'count': c['count'], 'first': c['first'], 'last': t, 'message': message, 'created': c['api']['created'] if c['api'] else t}

    def events(self):
        out = []
        for key in self.order:
            c = self.cache[key]
            a = c['api']
            if a is None or (NOW - a['last']).total_seconds() > 3600:
                continue
            ev = core_event(self.g, self.pod, c['reason'], a['message'], a['first'], a['last'], a['count'], typ=c['typ'], host=self.host, fieldPath=c['fieldPath'], name_time=c['name_time'])
            ev['metadata']['creationTimestamp'] = ts(a['created'])
            out.append(ev)
        return out


def write_folder(folder, objects, expected, logs):
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    if os.path.isdir(os.path.join(path, 'logs')):
        shutil.rmtree(os.path.join(path, 'logs'))
    with open(os.path.join(path, 'objects.json'), 'w') as f:
        json.dump({"kind": "List", "apiVersion": "v1", "metadata": {"resourceVersion": ""}, "items": objects}, f, indent=2, ensure_ascii=False)
        f.write('\n')
    with open(os.path.join(path, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write('\n')
    for (ns, pod, fname), text in logs.items():
        p = os.path.join(path, 'logs', ns, pod)
        os.makedirs(p, exist_ok=True)
        with open(os.path.join(p, fname), 'w') as f:
            f.write(text)


def fmt_delay(s):
    s = int(s)
    return ('%dm%ds' % (s // 60, s % 60)) if s >= 60 else '%ds' % s


def backoff_delay(n):
    """Delay after the n-th death (1-based): 10s doubling, capped at 300s."""
    return min(10 * 2 ** (n - 1), 300)
