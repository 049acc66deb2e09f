import sys; sys.path.insert(0, __file__.rsplit('/', 1)[0])
from lib import *

g = Gen('63-oom-loop-running-now', 48812040)
NS = 'reports'
NODE = 'ip-10-42-17-203.eu-central-1.compute.internal'
IMAGE = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/reports/report-builder:2.14.0'
IMAGE_ID = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/reports/report-builder@' + g.digest()
objs = ns_basics(g, NS, T('2026-06-03T09:12:44Z'))

node_created = T('2026-11-25T12:51:02Z')
objs.append(node(g, NODE, node_created,
    labels={"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/instance-type": "m6i.large", "beta.kubernetes.io/os": "linux",
            "eks.amazonaws.com/capacityType": "ON_DEMAND", "eks.amazonaws.com/nodegroup": "general-bottlerocket",
            "eks.amazonaws.com/nodegroup-image": "ami-0c4e2f9a7b13d5e86", "eks.amazonaws.com/sourceLaunchTemplateId": "lt-0f3d8b2a91c4e7d65",
            "eks.amazonaws.com/sourceLaunchTemplateVersion": "7", "failure-domain.beta.kubernetes.io/region": "eu-central-1",
            "failure-domain.beta.kubernetes.io/zone": "eu-central-1b", "k8s.io/cloud-provider-aws": "6a9c1e0f4b2d8e7f3a5c9b1d0e2f4a6c",
            "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": NODE, "kubernetes.io/os": "linux",
            "node.kubernetes.io/instance-type": "m6i.large", "topology.k8s.aws/zone-id": "euc1-az3",
            "topology.kubernetes.io/region": "eu-central-1", "topology.kubernetes.io/zone": "eu-central-1b"},
    annotations={"alpha.kubernetes.io/provided-node-ip": "10.42.17.203",
                 "csi.volume.kubernetes.io/nodeid": "{\"ebs.csi.aws.com\":\"i-0a7c3e9f12b84d506\"}",
                 "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"},
    spec={"providerID": "aws:///eu-central-1b/i-0a7c3e9f12b84d506"},
    capacity={"cpu": "2", "ephemeral-storage": "20893676Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "7926108Ki", "pods": "29"},
    allocatable={"cpu": "1930m", "ephemeral-storage": "18181869946", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "7200604Ki", "pods": "29"},
    addresses=[{"type": "InternalIP", "address": "10.42.17.203"}, {"type": "InternalDNS", "address": NODE}, {"type": "Hostname", "address": NODE}],
    nodeinfo={"kernelVersion": "6.1.119", "osImage": "Bottlerocket OS 1.28.0 (aws-k8s-1.32)", "containerRuntimeVersion": "containerd://1.7.24+bottlerocket",
              "kubeletVersion": "v1.32.0-eks-5ca49cb", "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64"},
    hb=at(-8)))

labels = {"app.kubernetes.io/name": "report-builder", "app.kubernetes.io/part-of": "reports"}
container = {
    "name": "app", "image": IMAGE, "command": ["node", "--enable-source-maps", "dist/server.js"],
    "ports": [{"name": "http", "containerPort": 3000, "protocol": "TCP"}],
    "env": [{"name": "NODE_ENV", "value": "production"}, {"name": "PORT", "value": "3000"},
            {"name": "REDIS_URL", "value": "redis://redis.reports.svc.cluster.local:6379/0"}, {"name": "JOB_CONCURRENCY", "value": "2"}],
    "resources": {"limits": {"cpu": "1", "memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "384Mi"}},
    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"}, "initialDelaySeconds": 15, "timeoutSeconds": 2, "periodSeconds": 20, "successThreshold": 1, "failureThreshold": 3},
    "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"}, "timeoutSeconds": 2, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3},
    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}
tmpl = {"containers": [container], "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "securityContext": {}, "schedulerName": "default-scheduler"}

# ---- timeline: 13 instances; the last one (index 12) runs since now-20s
L = [118, 104, 125, 97, 112, 131, 99, 116, 108, 127, 103, 121]
S = [None] * 13; F = [None] * 12
S[12] = at(-20)
for k in range(12, 0, -1):            # instance k starts 1s after the back-off of death k expires
    F[k - 1] = S[k] - dt.timedelta(seconds=backoff_delay(k) + 1)
    S[k - 1] = F[k - 1] - dt.timedelta(seconds=L[k - 1])
created = S[0] - dt.timedelta(seconds=9)
ready_at = S[12] + dt.timedelta(seconds=6)

dep = deployment(g, NS, 'report-builder', T('2026-11-18T10:02:11Z'), labels, 1, tmpl, 1,
    {"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1,
     "conditions": [{"type": "Progressing", "status": "True", "lastUpdateTime": "2026-11-18T10:02:40Z", "lastTransitionTime": "2026-11-18T10:02:11Z", "reason": "NewReplicaSetAvailable", "message": "ReplicaSet \"report-builder-6d8f9c7b54\" has successfully progressed."},
                    {"type": "Available", "status": "True", "lastUpdateTime": ts(ready_at), "lastTransitionTime": ts(ready_at), "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."}]})
rs = replicaset(g, NS, dep, '6d8f9c7b54', T('2026-11-18T10:02:11Z'), 1, tmpl, 1,
    {"replicas": 1, "fullyLabeledReplicas": 1, "readyReplicas": 1, "availableReplicas": 1, "observedGeneration": 1})
objs += [dep, rs]

vname, vol = api_volume(g)
pc = dict(container, volumeMounts=[api_mount(vname)])
pod_name = 'report-builder-6d8f9c7b54-' + g.safe(5)
pod_uid = g.uid()
cids = [g.hex() for _ in range(13)]
pod = {"kind": "Pod", "apiVersion": "v1",
       "metadata": {"name": pod_name, "generateName": "report-builder-6d8f9c7b54-", "namespace": NS, "uid": pod_uid, "resourceVersion": g.rv(),
                    "creationTimestamp": ts(created), "labels": dict(labels, **{"pod-template-hash": "6d8f9c7b54"}), "ownerReferences": [owner_ref(rs)]},
       "spec": {"volumes": [vol], "containers": [pc], "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                "serviceAccountName": "default", "serviceAccount": "default", "nodeName": NODE, "securityContext": {}, "schedulerName": "default-scheduler",
                "tolerations": TOLERATIONS, "priority": 0, "enableServiceLinks": True, "preemptionPolicy": "PreemptLowerPriority"},
       "status": {"phase": "Running", "conditions": [
           cond("PodReadyToStartContainers", "True", created + dt.timedelta(seconds=2)),
           cond("Initialized", "True", created + dt.timedelta(seconds=1)),
           cond("Ready", "True", ready_at), cond("ContainersReady", "True", ready_at),
           cond("PodScheduled", "True", created)],
           "hostIP": "10.42.17.203", "hostIPs": [{"ip": "10.42.17.203"}], "podIP": "10.42.19.87", "podIPs": [{"ip": "10.42.19.87"}],
           "startTime": ts(created + dt.timedelta(seconds=1)),
           "containerStatuses": [{"name": "app", "state": {"running": {"startedAt": ts(S[12])}},
                                  "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": ts(S[11]), "finishedAt": ts(F[11]), "containerID": "containerd://" + cids[11]}},
                                  "ready": True, "restartCount": 12, "image": IMAGE, "imageID": IMAGE_ID, "containerID": "containerd://" + cids[12], "started": True,
                                  "volumeMounts": [status_mount(api_mount(vname))]}],
           "qosClass": "Burstable"}}
objs.append(pod)

# ---- kubelet events
ke = KubeletEvents(g, pod, NODE)
fp = 'spec.containers{app}'
ke.emit(created + dt.timedelta(seconds=3, microseconds=402118), 'Pulling', 'Pulling image "%s"' % IMAGE, fp)
ke.emit(S[0] - dt.timedelta(seconds=1, microseconds=-18422), 'Pulled', 'Successfully pulled image "%s" in 4.512s (4.512s including waiting). Image size: 64184231 bytes.' % IMAGE, fp)
probe_url = 'http://10.42.19.87:3000/healthz'
for k in range(13):
    if k > 0:
        # back-off after death k: the kubelet syncs the pod every 10-15 s and records BackOff each time
        t = F[k - 1] + dt.timedelta(milliseconds=g.r.randint(300, 900))
        while t < S[k] - dt.timedelta(seconds=1.5):
            ke.emit(t, 'BackOff', 'Back-off restarting failed container app in pod %s_%s(%s)' % (pod_name, NS, pod_uid), fp, 'Warning')
            t += dt.timedelta(seconds=10 + g.r.random() * 5)
        ke.emit(S[k] - dt.timedelta(seconds=1, microseconds=-g.r.randint(100000, 600000)), 'Pulled', 'Container image "%s" already present on machine' % IMAGE, fp)
    ke.emit(S[k] - dt.timedelta(seconds=1, microseconds=-g.r.randint(600000, 900000)), 'Created', 'Created container: app', fp)
    ke.emit(S[k] + dt.timedelta(microseconds=g.r.randint(100000, 400000)), 'Started', 'Started container app', fp)
    if k < 12:
        # GC thrash just before the OOM kill: probes time out (readiness every 5 s, liveness once)
        for j, back in enumerate((14, 9, 4)):
            ke.emit(F[k] - dt.timedelta(seconds=back, microseconds=-g.r.randint(0, 800000)), 'Unhealthy',
                    'Readiness probe failed: Get "%s": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' % probe_url, fp, 'Warning')
        ke.emit(F[k] - dt.timedelta(seconds=7, microseconds=-g.r.randint(0, 800000)), 'Unhealthy',
                'Liveness probe failed: Get "%s": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' % probe_url, fp, 'Warning')
events = ke.events()
objs += events

# ---- logs
def line(t, level, msg):
    return '%s %s: %s\n' % (tsm(t), level, msg)

prev = []
s = S[11]
prev.append(line(s + dt.timedelta(milliseconds=412), 'info', 'report-builder 2.14.0 starting (node v20.18.1, pid 1, NODE_ENV=production)'))
prev.append(line(s + dt.timedelta(milliseconds=598), 'info', 'redis connected redis://redis.reports.svc.cluster.local:6379/0'))
prev.append(line(s + dt.timedelta(milliseconds=701), 'info', 'http server listening on :3000'))
prev.append(line(s + dt.timedelta(milliseconds=1003), 'info', 'worker 1: claimed job rpt-20261125-0412 (type=monthly-statement tenant=nordwind-logistik period=2026-10 attempt=12)'))
prev.append(line(s + dt.timedelta(milliseconds=1188), 'info', 'worker 2: claimed job rpt-20261125-0419 (type=invoice-archive tenant=brenner-bau period=2026-10 attempt=1)'))
rows, heap, rss = 0, 96, 171
t = s + dt.timedelta(seconds=3)
while t < F[11] - dt.timedelta(seconds=12):
    rows += 125000; heap += 31; rss += 30
    prev.append(line(t, 'info', 'rpt-20261125-0412: %d/1840000 rows rendered (heapUsed=%dMB rss=%dMB)' % (rows, heap, rss)))
    t += dt.timedelta(seconds=8, milliseconds=g.r.randint(100, 900))
prev.append(line(F[11] - dt.timedelta(seconds=11, milliseconds=322), 'info', 'rpt-20261125-0419: archive written (312 invoices, 41.2MB)'))
prev.append(line(F[11] - dt.timedelta(seconds=6, milliseconds=870), 'warn', 'event loop blocked for 2312ms'))
prev.append(line(F[11] - dt.timedelta(seconds=2, milliseconds=104), 'warn', 'event loop blocked for 3790ms'))
cur = []
s = S[12]
cur.append(line(s + dt.timedelta(milliseconds=388), 'info', 'report-builder 2.14.0 starting (node v20.18.1, pid 1, NODE_ENV=production)'))
cur.append(line(s + dt.timedelta(milliseconds=571), 'info', 'redis connected redis://redis.reports.svc.cluster.local:6379/0'))
cur.append(line(s + dt.timedelta(milliseconds=680), 'info', 'http server listening on :3000'))
cur.append(line(s + dt.timedelta(milliseconds=977), 'info', 'worker 1: claimed job rpt-20261125-0412 (type=monthly-statement tenant=nordwind-logistik period=2026-10 attempt=13)'))
cur.append(line(s + dt.timedelta(seconds=9, milliseconds=204), 'info', 'rpt-20261125-0412: 125000/1840000 rows rendered (heapUsed=127MB rss=201MB)'))
cur.append(line(s + dt.timedelta(seconds=17, milliseconds=655), 'info', 'rpt-20261125-0412: 250000/1840000 rows rendered (heapUsed=158MB rss=232MB)'))

window = min(max(3 * (F[11] - S[11]).total_seconds(), 120), 600)
age0 = (NOW - S[12]).total_seconds()
be = [e for e in events if e['reason'] == 'BackOff'][0]
notes = (
    "TRAP running-now OOM loop (EKS, Bottlerocket node %s, containerd). The pod was rescheduled onto a fresh node at %s (node group rotation), so "
    "Scheduled/Pulling and the first Pulled event are more than an hour old and have expired. restartCount 12; every instance claims the same report job "
    "(rpt-20261125-0412, attempt 13 now) and renders 1.84M rows in memory, the heap grows ~30MB per 125k rows and the 512Mi cgroup kills it (OOMKilled, exit 137) "
    "after 97-131 s; probes time out during the GC thrash just before each kill (Unhealthy liveness/readiness events, but no Killing event: it is not a liveness kill). "
    "The current instance started 20 s before now, answered its readiness probe and is ready (STATUS Running, READY 1/1) - it is still in the loop. "
    "Node.js without --max-old-space-size: fix = memory limit 1Gi and NODE_OPTIONS=--max-old-space-size (or stream the report). "
    "Events are what client-go's correlator leaves: BackOff counts every 10-15 s sync during the back-offs (count %d, first %s, last write %s, before the current start), "
    "and after the spam filter's burst of 25 only one write per 5 min gets through, so Created/Started/Pulled stopped updating long ago. "
    "SWEEP (rule: restartCount 12 >= 2; last instance lifetime = finishedAt - startedAt = %s - %s = %ds; loop window = clamp(3 x %d = %ds, 120 s, 600 s) = %ds): "
    "+0s: current instance age = now - %s = %ds < %ds -> loop still going -> critical oom-killed. "
    "+5m: age %ds < %ds -> critical. "
    "+2h: age %ds >= %ds, and lastState finishedAt %s is %ds (> 1 h) before the moment -> healthy. "
    "+3d: age and the last termination are days old -> healthy."
) % (NODE, ts(created), be['count'], be['firstTimestamp'], be['lastTimestamp'], ts(F[11]), ts(S[11]), (F[11] - S[11]).total_seconds(), (F[11] - S[11]).total_seconds(),
     3 * (F[11] - S[11]).total_seconds(), window, ts(S[12]), age0, window, age0 + 300, window, age0 + 7200, window, ts(F[11]), (NOW + dt.timedelta(hours=2) - F[11]).total_seconds())
expected = {
    "now": ts(NOW), "pod": {"namespace": NS, "name": pod_name}, "status": "Running", "restarts": 12, "healthy": False,
    "findings0": {"cause": "oom-killed", "container": "app", "severity": "critical",
                  "evidence_contains": ["OOMKilled", "137", "512Mi"], "fix_contains": ["--max-old-space-size"]},
    "not_causes": ["liveness-probe-kill", "app-error", "crash-no-logs", "readiness-probe-failing"],
    "sweep": {"+0s": "critical", "+5m": "critical", "+2h": "healthy", "+3d": "healthy"},
    "notes": notes.replace('.0s', 's')}
write_folder('63-oom-loop-running-now', objs, expected,
             {(NS, pod_name, 'app.previous.log'): ''.join(prev), (NS, pod_name, 'app.log'): ''.join(cur)})
print(pod_name, ts(created), [ts(x) for x in S], window)
for e in events: print(' ', e['reason'], e['count'], e['firstTimestamp'], e['lastTimestamp'], e['message'][:50])
