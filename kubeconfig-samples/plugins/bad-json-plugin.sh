#!/bin/sh
# A plugin that prints something that is not an ExecCredential.
echo "Welcome! token=not-json"
