#!/bin/bash
# healthcheck PORT PATH: exit 0 when GET http://127.0.0.1:PORT/PATH answers 200. Needs only bash (its /dev/tcp), since
# the JRE base image ships neither curl nor wget.
set -u
port=${1:?port}
path=${2:-/}
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
IFS=' ' read -r -t 5 protocol status _ <&3 || exit 1
exec 3<&-
[[ "$protocol" == HTTP/1.* && "$status" == 200 ]]
