#!/bin/bash
# Resident memory the web interface adds to the daemon (docs/web.md): runs the daemon (simulated
# sensors at real speed, the deployed JVM options) on a store holding one 8-h demo night, once with
# web.enabled = false and once with the web serving, and reads VmRSS idle (after 60 s) and after 30
# report pages (plus VmHWM, the peak). Usage: web-rss.sh JAR WORKDIR   (loopback only; port 18080)
set -euo pipefail
jar=$1; work=$2; port=18080
opts="-XX:+UseSerialGC -Xmx48m -Xss512k -XX:MaxMetaspaceSize=64m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
mkdir -p "$work"
java -jar "$jar" demo --dir "$work/data" --hours 8 >/dev/null
printf 'a long passphrase\n' | java -jar "$jar" user set anna --password-stdin --dir "$work/data" >/dev/null
demo=$(ls "$work/data/nights" | grep -m1 -E '^[0-9-]{10}\.json$' | cut -c1-10)
# The simulated daemon below records tonight's night, the demo's date: move the demo night a week back
# (sqlite3 CLI) so that its report stays closed and servable while the daemon runs.
night=$(date -d "$demo - 7 days" +%F)
for t in nights movements series activity device_events cuff_actions; do
  sqlite3 "$work/data/plm.db" "UPDATE $t SET night_id = '$night' WHERE night_id = '$demo'"
done
for f in "$work/data/nights/$demo"*; do mv "$f" "${f/$demo/$night}"; done
rss() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
run() {
  local web=$1
  cat >"$work/plm.conf" <<CONF
time_zone = Europe/Berlin
sensor.left.type = simulator
sensor.left.rate_hz = 50
sensor.right.type = simulator
sensor.right.rate_hz = 50
store.path = $work/data/plm.db
web.enabled = $web
CONF
  if [ "$web" = true ]; then echo "web.port = $port" >>"$work/plm.conf"; fi
  # shellcheck disable=SC2086
  java $opts -jar "$jar" monitor --config "$work/plm.conf" >"$work/monitor-$web.log" 2>&1 &
  local pid=$!
  sleep 60
  local idle; idle=$(rss $pid VmRSS)
  local served="-" peak
  if [ "$web" = true ]; then
    local jar_c="$work/cookies"; rm -f "$jar_c"
    local csrf; csrf=$(curl -s -c "$jar_c" "http://127.0.0.1:$port/login" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
    curl -s -b "$jar_c" -c "$jar_c" -o /dev/null --data-urlencode "username=anna" --data-urlencode "password=a long passphrase" \
      --data-urlencode "csrf=$csrf" "http://127.0.0.1:$port/login"
    for _ in $(seq 30); do curl -s -b "$jar_c" -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/night/$night"; done >"$work/times"
    served=$(rss $pid VmRSS)
  fi
  peak=$(rss $pid VmHWM)
  kill "$pid"; wait "$pid" || true
  echo "web.enabled=$web: RSS idle ${idle} kB, after 30 report pages ${served} kB, peak ${peak} kB"
}
run false
run true
echo "report page status and seconds (first 3, last 3):"; head -3 "$work/times"; tail -3 "$work/times"
