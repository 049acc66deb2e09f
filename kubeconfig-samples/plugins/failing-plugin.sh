#!/bin/sh
# A plugin that fails the way a login helper does when the session has expired.
echo "failing-plugin: your session expired; run 'sample-login' again" >&2
exit 1
