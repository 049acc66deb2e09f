#!/bin/sh
# A plugin that hands out a client certificate and key instead of a token.
set -eu
dir=$(dirname "$0")
python3 - "$dir/../certs/client.pem" "$dir/../certs/client-key.pem" <<'PY'
import json, sys
cert, key = (open(p).read() for p in sys.argv[1:3])
print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                  "status": {"clientCertificateData": cert, "clientKeyData": key}}))
PY
