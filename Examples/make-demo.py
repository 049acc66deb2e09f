#!/usr/bin/env python3
"""Builds Examples/demo (the demo snapshot of the README's first command) from scenario folders of
Tests/Fixtures/scenarios: a dozen failing pods of different causes, a few that need a look (a recovered OOM kill, an autoscaler
adding a node) and a few healthy ones (one still pulling its image during a rollout).
Run from the repository root: python3 Examples/make-demo.py"""
import json
import os
import shutil

ROOT = "Tests/Fixtures/scenarios"
OUT = "Examples/demo"
PICK = [
    "01-oom-node-heap", "03-liveness-kill-exit137", "09-missing-entry-file-node", "14-dependency-refused-no-endpoints",
    "21-command-one-string", "27-missing-configmap-other-namespace", "35-image-registry-unreachable",
    "34-image-pull-secret-missing", "39-init-crashloop-wait-for-db", "42-unschedulable-insufficient-memory",
    "52-rollout-regression", "60-workload-oom-3-pods", "12-missing-env-var-python",
    "56-completed-job", "61-healthy-running", "55-old-restarts-healthy-latest-tag",
    # normal life and things that need a look, not failures
    "75-recovered-oom-45m-ago", "79-autoscaler-scaling-up", "78-rollout-pulling-image",
]

items, seen, pods = [], set(), set()
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
for name in PICK:
    folder = os.path.join(ROOT, name)
    with open(os.path.join(folder, "objects.json")) as f:
        objects = json.load(f)["items"]
    for item in objects:
        meta = item.get("metadata", {})
        key = (item.get("kind"), meta.get("namespace"), meta.get("name"))
        if key in seen:
            if key[0] in ("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "Service"):
                raise SystemExit(f"{name}: {key} is already in the demo from another scenario; pick another folder")
            continue  # shared Namespaces and Nodes: keep the first
        seen.add(key)
        items.append(item)
    logs = os.path.join(folder, "logs")
    if os.path.isdir(logs):
        shutil.copytree(logs, os.path.join(OUT, "logs"), dirs_exist_ok=True)

with open(os.path.join(OUT, "objects.json"), "w") as f:
    json.dump({"kind": "List", "apiVersion": "v1", "metadata": {}, "items": items}, f, indent=1)
with open(os.path.join(OUT, "snapshot.json"), "w") as f:
    json.dump({"apiVersion": "poddoctor/v1", "kind": "Snapshot", "takenAt": "2026-11-25T14:00:00Z",
               "source": "built from Tests/Fixtures/scenarios by Examples/make-demo.py"}, f, indent=2)
print(len(items), "objects")
