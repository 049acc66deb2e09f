#!/bin/sh
# Hands out a stale token on its first run and a valid one afterwards: a client that gets a 401
# must run it again and retry. Its state lives in the file named by PLUGIN_STATE (required).
set -eu
if [ -e "$PLUGIN_STATE" ]; then token=poddoctor-exec-token; else token=stale-token; fi
echo run >> "$PLUGIN_STATE"
echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"$token\"}}"
