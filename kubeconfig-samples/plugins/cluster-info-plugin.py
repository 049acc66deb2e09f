#!/usr/bin/env python3
"""A sample v1beta1 exec plugin with provideClusterInfo: it refuses to answer unless
KUBERNETES_EXEC_INFO carries the cluster's server and CA, then prints a token."""
import base64
import json
import os
import sys

info = json.loads(os.environ.get("KUBERNETES_EXEC_INFO", "{}"))
cluster = (info.get("spec") or {}).get("cluster") or {}
ca = base64.b64decode(cluster.get("certificate-authority-data", "") or b"")
if not cluster.get("server", "").startswith("https://") or b"BEGIN CERTIFICATE" not in ca:
    sys.stderr.write("cluster-info-plugin: no cluster information in KUBERNETES_EXEC_INFO\n")
    sys.exit(2)
print(json.dumps({
    "apiVersion": "client.authentication.k8s.io/v1beta1",
    "kind": "ExecCredential",
    "status": {"token": "poddoctor-cluster-info-token"},
}))
