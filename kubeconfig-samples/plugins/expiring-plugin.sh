#!/bin/sh
# Prints a token that expires five seconds from now, so a client must run it again soon.
# When PLUGIN_RUN_LOG names a file, each run appends one line to it.
set -eu
[ -n "${PLUGIN_RUN_LOG:-}" ] && echo run >> "$PLUGIN_RUN_LOG"
expires=$(date -u -d '+5 seconds' +%Y-%m-%dT%H:%M:%SZ)
cat <<JSON
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"poddoctor-exec-token","expirationTimestamp":"$expires"}}
JSON
