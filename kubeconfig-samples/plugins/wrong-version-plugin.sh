#!/bin/sh
# A plugin that answers in v1beta1 whatever the kubeconfig asked for.
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}'
