"""GET /api/v1/namespaces/NS/pods/NAME/log (recordings 26, 52-62): option validation, container
choice, 204 for unscheduled pods, and the kubelet's tailLines/limitBytes/sinceSeconds/timestamps/
previous/follow handling. Always text/plain, chunked, no APF headers, never gzip."""

import calendar
import re
import time

import encoding as enc
from store import format_ts_ns, render_log

NEVER_STARTED = ("ContainerCreating", "PodInitializing", "ImagePullBackOff", "ErrImagePull",
                 "CreateContainerConfigError", "CreateContainerError", "InvalidImageName")


def _int_param(h, key):
    raw = (h.query.get(key) or [None])[-1]
    if raw is None or raw == "":
        return None, None
    if not re.match(r"^-?\d+$", raw):
        return None, enc.bad_request('strconv.ParseInt: parsing "%s": invalid syntax' % raw)
    return int(raw), None


def serve(h, info, res):
    store, name, ns = h.ctx.store, info.name, info.namespace
    opts = {}
    for key in ("tailLines", "limitBytes", "sinceSeconds"):
        val, err = _int_param(h, key)
        if err:
            h.reply_json(400, err, apf=False)
            return
        opts[key] = val
    since_time = (h.query.get("sinceTime") or [""])[-1]
    container = (h.query.get("container") or [""])[-1]
    previous = enc.parse_bool((h.query.get("previous") or [""])[-1]) is True
    follow = enc.parse_bool((h.query.get("follow") or [""])[-1]) is True
    timestamps = enc.parse_bool((h.query.get("timestamps") or [""])[-1]) is True

    checks = [("tailLines", 0, "must be greater than or equal to 0"),
              ("limitBytes", 1, "must be greater than 0"),
              ("sinceSeconds", 1, "must be greater than 0")]
    for key, minimum, detail in checks:
        if opts[key] is not None and opts[key] < minimum:
            h.reply_json(422, enc.invalid("PodLogOptions", name, key, str(opts[key]), detail), apf=False)
            return
    since_ns = None
    if opts["sinceSeconds"] is not None and since_time:
        st = enc.status(422, 'PodLogOptions "%s" is invalid: : Forbidden: at most one of `sinceTime` or '
                        '`sinceSeconds` may be specified' % name, "Invalid",
                        {"name": name, "kind": "PodLogOptions", "causes": [{
                            "reason": "FieldValueForbidden",
                            "message": "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
                            "field": ""}]})
        h.reply_json(422, st, apf=False)
        return
    if opts["sinceSeconds"] is not None:
        since_ns = time.time_ns() - opts["sinceSeconds"] * 1_000_000_000
    elif since_time:
        m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", since_time)
        if not m:
            h.reply_json(400, enc.bad_request('parsing time "%s" as "2006-01-02T15:04:05Z07:00": cannot parse' % since_time), apf=False)
            return
        secs = calendar.timegm(time.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"))
        if m.group(3) != "Z":
            sign = 1 if m.group(3)[0] == "+" else -1
            secs -= sign * (int(m.group(3)[1:3]) * 3600 + int(m.group(3)[4:6]) * 60)
        since_ns = secs * 1_000_000_000

    pod = store.get(res, ns, name)
    if pod is None:
        h.reply_json(404, enc.not_found("pods", name), apf=False)
        return
    spec = pod.get("spec") or {}
    regular = [c.get("name") for c in spec.get("containers") or []]
    every = ([c.get("name") for c in spec.get("initContainers") or []] + regular +
             [c.get("name") for c in spec.get("ephemeralContainers") or []])
    if not container:
        if len(regular) == 1:
            container = regular[0]
        elif not regular:
            h.reply_json(400, enc.bad_request("existing pod %s does not have any containers" % name), apf=False)
            return
        else:
            h.reply_json(400, enc.bad_request("a container name must be specified for pod %s, choose one of: [%s]"
                                              % (name, " ".join(every))), apf=False)
            return
    elif container not in every:
        h.reply_json(400, enc.bad_request("container %s is not valid for pod %s" % (container, name)), apf=False)
        return
    if not spec.get("nodeName"):
        h.reply_empty(204, apf=False)
        return
    lf = store.log(ns, name, container, previous)
    if lf is None and previous:
        h.reply_json(400, enc.bad_request('previous terminated container "%s" in pod "%s" not found'
                                          % (container, name)), apf=False)
        return
    if lf is None:
        reason = _never_started(pod, container)
        if reason:
            h.reply_json(400, enc.bad_request('container "%s" in pod "%s" is waiting to start: %s'
                                              % (container, name, reason)), apf=False)
            return

    with store.cond:
        lf = store.log(ns, name, container, previous)
        entries = list(lf.entries) if lf else []
    remaining = opts["limitBytes"]
    body = render_log(entries, opts["tailLines"], since_ns, timestamps)
    if remaining is not None:
        body = body[:remaining]
        remaining -= len(body)
    h.stream_start(200, "text/plain", apf=False)
    if body and not h.stream_write(body):
        return
    if not follow or previous:
        h.stream_end()
        return
    uid = (pod.get("metadata") or {}).get("uid")
    sent = len(entries)
    while remaining is None or remaining > 0:
        if h.server_stopping() or h.peer_gone():
            h.abort()
            return
        with store.cond:
            gen = store.gen
            lf = store.log(ns, name, container, False)
            new = lf.entries[sent:] if lf else []
            sent = len(lf.entries) if lf else 0
            now = store.get(res, ns, name)
        for ts, _, line in new:
            data = (format_ts_ns(ts).encode() + b" " + line) if timestamps else line
            if remaining is not None:
                data = data[:remaining]
                remaining -= len(data)
            if data and not h.stream_write(data):
                return
            if remaining == 0:
                break
        if now is None or (now.get("metadata") or {}).get("uid") != uid:
            break
        store.wait_gen(gen, 0.25)
    h.stream_end()


def _never_started(pod, container):
    status = pod.get("status") or {}
    for cs in (status.get("initContainerStatuses") or []) + (status.get("containerStatuses") or []):
        if cs.get("name") != container:
            continue
        waiting = (cs.get("state") or {}).get("waiting") or {}
        if waiting.get("reason") in NEVER_STARTED and not (cs.get("lastState") or {}).get("terminated"):
            return waiting["reason"]
    return None
