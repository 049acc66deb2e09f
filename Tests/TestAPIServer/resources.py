"""The resources the test server knows, their field selectors, and Event conversion between
core/v1 and events.k8s.io/v1 (recordings 47 and 50)."""

VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]


class Resource:
    def __init__(self, group, version, plural, kind, namespaced, short=(), storage=None,
                 fields=(), internal=None):
        self.group, self.version, self.plural, self.kind = group, version, plural, kind
        self.namespaced = namespaced
        self.short = list(short)
        self.storage = storage or "%s/%s" % (group, plural)  # objects are stored per storage key
        self.fields = set(["metadata.name", "metadata.namespace"]) | set(fields)
        self.internal = internal or "%s.%s" % (group.split(".")[0] or "core", kind)

    @property
    def api_version(self):
        return self.version if not self.group else "%s/%s" % (self.group, self.version)

    @property
    def group_version(self):
        return self.api_version


POD_FIELDS = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
              "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
              "status.nominatedNodeName"]
EVENT_FIELDS = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"]
EVENTV1_FIELDS = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid",
                  "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath",
                  "reason", "reportingController", "type"]

BUILTIN = [
    Resource("", "v1", "pods", "Pod", True, ["po"], fields=POD_FIELDS),
    Resource("", "v1", "events", "Event", True, ["ev"], storage="events", fields=EVENT_FIELDS),
    Resource("", "v1", "configmaps", "ConfigMap", True, ["cm"]),
    Resource("", "v1", "secrets", "Secret", True, fields=["type"]),
    Resource("", "v1", "services", "Service", True, ["svc"]),
    Resource("", "v1", "endpoints", "Endpoints", True, ["ep"]),
    Resource("", "v1", "serviceaccounts", "ServiceAccount", True, ["sa"]),
    Resource("", "v1", "resourcequotas", "ResourceQuota", True, ["quota"]),
    Resource("", "v1", "limitranges", "LimitRange", True, ["limits"]),
    Resource("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", True, ["pvc"]),
    Resource("", "v1", "persistentvolumes", "PersistentVolume", False, ["pv"]),
    Resource("", "v1", "replicationcontrollers", "ReplicationController", True, ["rc"]),
    Resource("", "v1", "namespaces", "Namespace", False, ["ns"], fields=["status.phase"]),
    Resource("", "v1", "nodes", "Node", False, ["no"], fields=["spec.unschedulable"]),
    Resource("apps", "v1", "deployments", "Deployment", True, ["deploy"]),
    Resource("apps", "v1", "replicasets", "ReplicaSet", True, ["rs"], fields=["status.replicas"]),
    Resource("apps", "v1", "statefulsets", "StatefulSet", True, ["sts"]),
    Resource("apps", "v1", "daemonsets", "DaemonSet", True, ["ds"]),
    Resource("events.k8s.io", "v1", "events", "Event", True, ["ev"], storage="events",
             fields=EVENTV1_FIELDS, internal="core.Event"),
    Resource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True, ["hpa"]),
    Resource("batch", "v1", "jobs", "Job", True, fields=["status.successful"]),
    Resource("batch", "v1", "cronjobs", "CronJob", True, ["cj"]),
    Resource("networking.k8s.io", "v1", "ingresses", "Ingress", True, ["ing"]),
    Resource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", True, ["netpol"]),
    Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", True, ["pdb"]),
    Resource("storage.k8s.io", "v1", "storageclasses", "StorageClass", False, ["sc"]),
    Resource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", True),
]

# Zero-value objects the apiserver puts in BOOKMARK events (only metadata.resourceVersion matters).
_TEMPLATE = {"metadata": {"creationTimestamp": None}, "spec": {"containers": None}}
BOOKMARK_BODIES = {
    "Pod": {"spec": {"containers": None}, "status": {}},
    "Service": {"spec": {}, "status": {"loadBalancer": {}}},
    "Namespace": {"spec": {}, "status": {}},
    "Node": {"spec": {}, "status": {"daemonEndpoints": {"kubeletEndpoint": {"Port": 0}},
                                    "nodeInfo": {k: "" for k in (
                                        "machineID", "systemUUID", "bootID", "kernelVersion",
                                        "osImage", "containerRuntimeVersion", "kubeletVersion",
                                        "kubeProxyVersion", "operatingSystem", "architecture")}}},
    "ResourceQuota": {"spec": {}, "status": {}},
    "LimitRange": {"spec": {"limits": None}},
    "PersistentVolumeClaim": {"spec": {"resources": {}}, "status": {}},
    "Deployment": {"spec": {"selector": None, "template": _TEMPLATE, "strategy": {}}, "status": {}},
    "ReplicaSet": {"spec": {"selector": None, "template": _TEMPLATE}, "status": {"replicas": 0}},
    "StatefulSet": {"spec": {"selector": None, "template": _TEMPLATE, "serviceName": "",
                             "updateStrategy": {}}, "status": {"replicas": 0, "availableReplicas": 0}},
    "DaemonSet": {"spec": {"selector": None, "template": _TEMPLATE, "updateStrategy": {}},
                  "status": {"currentNumberScheduled": 0, "numberMisscheduled": 0,
                             "desiredNumberScheduled": 0, "numberReady": 0}},
    "Job": {"spec": {"template": _TEMPLATE}, "status": {}},
    "CronJob": {"spec": {"schedule": "", "jobTemplate": {"metadata": {"creationTimestamp": None},
                                                          "spec": {"template": _TEMPLATE}}},
                "status": {}},
    "EndpointSlice": {"addressType": "", "endpoints": None},
}
CORE_EVENT_BOOKMARK = {"involvedObject": {}, "source": {}, "firstTimestamp": None,
                       "lastTimestamp": None, "eventTime": None, "reportingComponent": "",
                       "reportingInstance": ""}
V1_EVENT_BOOKMARK = {"eventTime": None, "regarding": {}, "deprecatedSource": {},
                     "deprecatedFirstTimestamp": None, "deprecatedLastTimestamp": None}


def bookmark_object(res, rv, annotations=None):
    meta = {"resourceVersion": str(rv), "creationTimestamp": None}
    if annotations:
        meta["annotations"] = annotations
    obj = {"kind": res.kind, "apiVersion": res.api_version, "metadata": meta}
    if res.storage == "events":
        obj.update(CORE_EVENT_BOOKMARK if res.group == "" else V1_EVENT_BOOKMARK)
    else:
        obj.update(BOOKMARK_BODIES.get(res.kind, {}))
    return obj


def guess_plural(kind):
    low = kind.lower()
    if low.endswith("s") or low.endswith("x") or low.endswith("ch") or low.endswith("sh"):
        return low + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return low[:-1] + "ies"
    return low + "s"


# ---------------------------------------------------------------- field values for field selectors

def _get(obj, path):
    cur = obj
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def _fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def field_values(res, obj):
    """The values a field selector compares against (as the apiserver's GetAttrs functions)."""
    meta = obj.get("metadata") or {}
    out = {"metadata.name": meta.get("name", ""), "metadata.namespace": meta.get("namespace", "")}
    for f in res.fields:
        if f in out:
            continue
        if f == "status.podIPs":
            ips = (obj.get("status") or {}).get("podIPs") or []
            out[f] = ",".join(p.get("ip", "") for p in ips)
        elif f == "spec.hostNetwork" or f == "spec.unschedulable":
            out[f] = "true" if _get(obj, f) else "false"
        elif f == "source":
            out[f] = _get(obj, "source.component") or ""
        elif f == "status.replicas" or f == "status.successful":
            out[f] = str(_get(obj, f) or 0)
        elif f == "type" and res.kind == "Secret":
            out[f] = obj.get("type", "")
        else:
            out[f] = _fmt(_get(obj, f))
    return out


# ---------------------------------------------------------------- Event conversion

def is_v1_event(obj):
    return obj.get("apiVersion") == "events.k8s.io/v1"


def event_to_core(obj):
    """events.k8s.io/v1 Event -> core/v1 shape (field order of the Go struct)."""
    if not is_v1_event(obj):
        return obj
    out = {"kind": "Event", "apiVersion": "v1", "metadata": obj.get("metadata", {}),
           "involvedObject": obj.get("regarding") or {}}
    if obj.get("reason"):
        out["reason"] = obj["reason"]
    if obj.get("note"):
        out["message"] = obj["note"]
    out["source"] = obj.get("deprecatedSource") or {}
    out["firstTimestamp"] = obj.get("deprecatedFirstTimestamp")
    out["lastTimestamp"] = obj.get("deprecatedLastTimestamp")
    if obj.get("deprecatedCount"):
        out["count"] = obj["deprecatedCount"]
    if obj.get("type"):
        out["type"] = obj["type"]
    out["eventTime"] = obj.get("eventTime")
    if obj.get("series"):
        out["series"] = obj["series"]
    if obj.get("action"):
        out["action"] = obj["action"]
    if obj.get("related"):
        out["related"] = obj["related"]
    out["reportingComponent"] = obj.get("reportingController", "")
    out["reportingInstance"] = obj.get("reportingInstance", "")
    return out


def event_to_v1(obj):
    """core/v1 Event -> events.k8s.io/v1 shape (field order of the Go struct)."""
    if is_v1_event(obj):
        return obj
    out = {"kind": "Event", "apiVersion": "events.k8s.io/v1", "metadata": obj.get("metadata", {}),
           "eventTime": obj.get("eventTime")}
    if obj.get("series"):
        out["series"] = obj["series"]
    for src, dst in (("reportingComponent", "reportingController"),
                     ("reportingInstance", "reportingInstance"), ("action", "action"),
                     ("reason", "reason")):
        if obj.get(src):
            out[dst] = obj[src]
    out["regarding"] = obj.get("involvedObject") or {}
    if obj.get("related"):
        out["related"] = obj["related"]
    if obj.get("message"):
        out["note"] = obj["message"]
    if obj.get("type"):
        out["type"] = obj["type"]
    out["deprecatedSource"] = obj.get("source") or {}
    out["deprecatedFirstTimestamp"] = obj.get("firstTimestamp")
    out["deprecatedLastTimestamp"] = obj.get("lastTimestamp")
    if obj.get("count"):
        out["deprecatedCount"] = obj["count"]
    return out


def view(res, obj):
    """The stored object as the resource `res` presents it (kind/apiVersion first)."""
    if res.storage == "events":
        obj = event_to_core(obj) if res.group == "" else event_to_v1(obj)
    out = {"kind": res.kind, "apiVersion": res.api_version}
    for k, v in obj.items():
        if k not in ("kind", "apiVersion"):
            out[k] = v
    return out
