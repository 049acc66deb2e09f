#!/bin/sh
# Prints a token that expires five seconds from now, so a client must run it again soon.
# When PLUGIN_RUN_LOG names a file, each run appends one line to it: the expiry it printed.
set -eu
expires=$(date -u -d '+5 seconds' +%Y-%m-%dT%H:%M:%SZ)
[ -n "${PLUGIN_RUN_LOG:-}" ] && echo "$expires" >> "$PLUGIN_RUN_LOG"
cat <<JSON
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"poddoctor-exec-token","expirationTimestamp":"$expires"}}
JSON
