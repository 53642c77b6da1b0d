#!/bin/sh
# Creates the PLM monitor's InfluxDB 1.x database and retention policy, and optionally a write-only
# user for the Pi and a read-only user for Grafana. Idempotent: run it again to change the retention
# or a password. Asks for nothing: everything comes from options or environment variables.
#
# Usage: create-database.sh [--url URL] [--database NAME] [--retention NAME] [--duration DURATION]
#                           [--admin-user NAME] [--writer-user NAME] [--reader-user NAME] [--ca-file PEM]
#
#   --url          INFLUX_URL          server base URL                     default http://127.0.0.1:8086
#   --database     INFLUX_DB           database name                       default plm
#   --retention    INFLUX_RP           retention policy name (made DEFAULT) default plm_1y
#   --duration     INFLUX_RP_DURATION  how long points are kept (InfluxQL)  default 52w ("INF" = forever)
#   --admin-user   INFLUX_ADMIN_USER   admin to authenticate as; password in INFLUX_ADMIN_PASSWORD_FILE
#   --writer-user  INFLUX_WRITER_USER  user to create with WRITE on the database (the Pi's influx.username);
#                                      password in INFLUX_WRITER_PASSWORD_FILE
#   --reader-user  INFLUX_READER_USER  user to create with READ (Grafana); password in INFLUX_READER_PASSWORD_FILE
#   --ca-file      INFLUX_CA_FILE      CA certificate for an https URL signed by a private CA
#
# Passwords are read from files (first line), never from the command line, where `ps` would show them.
# Exit status: 0 done, 1 the server refused something, 2 bad usage.
set -eu

url="${INFLUX_URL:-http://127.0.0.1:8086}"
db="${INFLUX_DB:-plm}"
rp="${INFLUX_RP:-plm_1y}"
duration="${INFLUX_RP_DURATION:-52w}"
admin="${INFLUX_ADMIN_USER:-}"
writer="${INFLUX_WRITER_USER:-}"
reader="${INFLUX_READER_USER:-}"
ca="${INFLUX_CA_FILE:-}"

usage() {
    sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="$2"; shift 2 ;;
        --database) db="$2"; shift 2 ;;
        --retention) rp="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --admin-user) admin="$2"; shift 2 ;;
        --writer-user) writer="$2"; shift 2 ;;
        --reader-user) reader="$2"; shift 2 ;;
        --ca-file) ca="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "create-database.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

# Names go into InfluxQL unquoted: allow only what needs no quoting.
check_name() {
    case "$2" in
        ''|[0-9]*|*[!A-Za-z0-9_]*)
            echo "create-database.sh: $1 '$2' must be letters, digits and '_', not starting with a digit" >&2
            exit 2 ;;
    esac
}
check_name database "$db"
check_name "retention policy" "$rp"
[ -z "$writer" ] || check_name "writer user" "$writer"
[ -z "$reader" ] || check_name "reader user" "$reader"
case "$duration" in
    INF|inf) duration=INF ;;
    *[!0-9smhdw]*|'') echo "create-database.sh: duration '$duration' is not like 52w, 400d or INF" >&2; exit 2 ;;
esac

command -v curl >/dev/null || { echo "create-database.sh: curl is needed (apt-get install curl)" >&2; exit 2; }

# password_file VAR WHAT: checks, in this shell (a failure must end the script), that the file named by
# the variable VAR is readable, and leaves its name in $pw_file.
password_file() {
    pw_file="$(eval "printf '%s' \"\${$1:-}\"")"
    [ -n "$pw_file" ] || { echo "create-database.sh: set $1 to a file holding the $2 password" >&2; exit 2; }
    [ -r "$pw_file" ] || { echo "create-database.sh: cannot read $1=$pw_file" >&2; exit 2; }
}

curl_base="curl --silent --show-error --fail-with-body --max-time 30"
[ -z "$ca" ] || curl_base="$curl_base --cacert $ca"
auth_file=""
cleanup() { [ -z "$auth_file" ] || rm -f "$auth_file"; }
trap cleanup EXIT
# Every password file is checked before the server is touched.
[ -z "$writer" ] || password_file INFLUX_WRITER_PASSWORD_FILE writer
[ -z "$reader" ] || password_file INFLUX_READER_PASSWORD_FILE reader
if [ -n "$admin" ]; then
    password_file INFLUX_ADMIN_PASSWORD_FILE admin
    # Credentials go to curl through a private file, not its command line (quoted as curl's config wants).
    auth_file="$(mktemp)"
    chmod 600 "$auth_file"
    printf 'user = "%s:%s"\n' "$admin" "$(head -n 1 "$pw_file" | sed 's/\\/\\\\/g; s/"/\\"/g')" >"$auth_file"
    curl_base="$curl_base --config $auth_file"
fi

# query STATEMENT: runs one InfluxQL statement, prints the JSON answer, fails on an error in it.
query() {
    answer="$($curl_base -XPOST "$url/query" --data-urlencode "q=$1")" || {
        echo "create-database.sh: $url refused: $(printf '%s' "$1" | sed 's/PASSWORD .*/PASSWORD .../')" >&2
        echo "$answer" >&2
        exit 1
    }
    case "$answer" in
        *'"error"'*)
            echo "create-database.sh: $(printf '%s' "$1" | sed "s/PASSWORD .*/PASSWORD .../"): $answer" >&2
            exit 1 ;;
    esac
    printf '%s\n' "$answer"
}

query "CREATE DATABASE $db" >/dev/null
if query "SHOW RETENTION POLICIES ON $db" | grep -q "\"$rp\""; then
    query "ALTER RETENTION POLICY $rp ON $db DURATION $duration REPLICATION 1 DEFAULT" >/dev/null
    echo "retention policy $rp on $db: duration $duration, default (updated)"
else
    query "CREATE RETENTION POLICY $rp ON $db DURATION $duration REPLICATION 1 DEFAULT" >/dev/null
    echo "retention policy $rp on $db: duration $duration, default (created)"
fi

# ensure_user NAME PASSWORD_VAR PRIVILEGE
ensure_user() {
    password_file "$2" "$1"
    password="$(head -n 1 "$pw_file")"
    escaped="$(printf '%s' "$password" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g")"
    if query "SHOW USERS" | grep -q "\"$1\""; then
        query "SET PASSWORD FOR $1 = '$escaped'" >/dev/null
    else
        query "CREATE USER $1 WITH PASSWORD '$escaped'" >/dev/null
    fi
    query "GRANT $3 ON $db TO $1" >/dev/null
    echo "user $1: $3 on $db"
}
[ -z "$writer" ] || ensure_user "$writer" INFLUX_WRITER_PASSWORD_FILE WRITE
[ -z "$reader" ] || ensure_user "$reader" INFLUX_READER_PASSWORD_FILE READ

echo "database $db ready at $url"
