#!/bin/sh
# A plugin that never finishes, and leaves a helper holding its stdout (tests: the timeout stops both).
sleep 300 &
echo $! > "$PLUGIN_PIDFILE"
echo $$ >> "$PLUGIN_PIDFILE"
sleep 300
