#!/bin/sh
# A sample exec credential plugin (client.authentication.k8s.io/v1): prints an ExecCredential
# holding the token given in SAMPLE_PLUGIN_TOKEN (set through the kubeconfig's exec.env).
# When PLUGIN_RUN_LOG names a file, each run appends one line to it (tests count runs).
set -eu
[ -n "${PLUGIN_RUN_LOG:-}" ] && echo "run $*" >> "$PLUGIN_RUN_LOG"
case "${KUBERNETES_EXEC_INFO:-}" in
  *'"interactive":false'*) ;;
  *) echo "token-plugin: KUBERNETES_EXEC_INFO missing or interactive" >&2; exit 3 ;;
esac
cat <<JSON
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${SAMPLE_PLUGIN_TOKEN:-}"}}
JSON
