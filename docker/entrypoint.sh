#!/bin/sh
# The container's entrypoint. `latchkey start` applies pending migrations (on PostgreSQL, under the
# migration engine's advisory lock, so several instances starting at once apply each once) and
# then serves on $PORT; exec hands it the container's signals, so SIGTERM stops it gracefully.
set -eu
cd "$(dirname "$0")/.."
exec node bin/latchkey.mjs start "$@"
