#!/bin/sh
# Registers the simulated engines engine-0 .. engine-(ENGINE_COUNT-1) in metadata-service's engine registry and keeps
# them there with heartbeats, as ./run's launcher does: the simulator does not register itself, and the registry
# forgets an engine not heard from for metadata.engines.ttl (30 s). A marker file (/tmp/registered) marks a round in
# which every engine was accepted; the container's health check reads it.
set -u
: "${METADATA_URL:?}" "${METADATA_TOKEN:?}" "${ENGINE_COUNT:?}" "${ENGINE_PORT:?}" "${MODEL:?}"
interval=${HEARTBEAT_INTERVAL:-10}
marker=${REGISTERED_MARKER:-/tmp/registered}

call() { # METHOD PATH [BODY] -> prints the HTTP status
  if [ $# -eq 3 ]; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$1" -H "Authorization: Bearer $METADATA_TOKEN" \
      -H 'Content-Type: application/json' -d "$3" "$METADATA_URL$2"
  else
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$1" -H "Authorization: Bearer $METADATA_TOKEN" \
      "$METADATA_URL$2"
  fi
}

while true; do
  all_ok=true
  i=0
  while [ "$i" -lt "$ENGINE_COUNT" ]; do
    name="engine-$i"
    status=$(call POST "/internal/v1/engines/$name/heartbeat")
    if [ "$status" = 404 ]; then
      status=$(call PUT "/internal/v1/engines/$name" "{\"host\":\"$name\",\"port\":$ENGINE_PORT,\"models\":[\"$MODEL\"],\"labels\":{\"adapter.model.aibrix.ai/enabled\":\"true\"}}")
    fi
    case "$status" in
      2??) ;;
      *) all_ok=false; echo "engine $name: metadata-service answered HTTP $status" ;;
    esac
    i=$((i + 1))
  done
  if $all_ok; then touch "$marker"; else rm -f "$marker"; fi
  sleep "$interval"
done
