#!/bin/sh
# A plugin that writes without end (tests: the output cap and the time limit hold while it writes).
exec yes '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}'
