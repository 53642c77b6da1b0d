# launch.sh: how a plm launcher starts the JVM. Sourced (POSIX sh) by the repository's ./plm and by the
# package's /usr/bin/plm (installed as /usr/share/plm-monitor/launch.sh), so that both start plm the same
# way; each says where its jar and its class-data archive live.
#
# The archive (AppCDS, DIR/plm.jsa) holds the classes a short analysis loads, already parsed and
# verified: a start maps it instead of reading them from the jar. It is only an optimisation. Beside it,
# DIR/plm.jsa.id records what it was made for (the archive's own size, and the size and mtime of the
# jar and of the java binary); a launcher uses the archive only while all of these still match, so a
# missing, truncated (a truncated archive crashes the JVM that maps it), stale (another jar, another
# JDK) or half-written archive means a plain start, never a failure. The JVM checks the rest itself
# (-Xshare:auto: the archive's header, its JVM build, the jar) and ignores an archive it refuses.

# plm_launch_java: prints the Java 17 runtime (a JDK 17 under /usr/lib/jvm, even when another JDK is
# the system default; else java on PATH); fails if there is none.
plm_launch_java() {
    for _plm_candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
        if [ -x "$_plm_candidate" ]; then
            printf '%s\n' "$_plm_candidate"
            return 0
        fi
    done
    command -v java
}

# plm_launch_id JAVA JAR DIR: prints the identity the archive DIR/plm.jsa is valid for (one line).
plm_launch_id() {
    stat -L --printf '%s:%Y ' "$3/plm.jsa" "$2" "$1" 2>/dev/null
}

# plm_launch_current JAVA JAR DIR: succeeds if DIR/plm.jsa is there, whole, and made for this jar and
# this java (JAVA: a path, not a bare name).
plm_launch_current() {
    [ -f "$3/plm.jsa" ] && [ -r "$3/plm.jsa.id" ] || return 1
    _plm_want=
    IFS= read -r _plm_want <"$3/plm.jsa.id" || [ -n "$_plm_want" ] || return 1
    _plm_have="$(plm_launch_id "$1" "$2" "$3")" || return 1
    [ "$_plm_have" = "$_plm_want" ]
}

# plm_launch_record JAVA JAR DIR: records DIR/plm.jsa from a short analysis of a generated minute of
# signal (start-up, CLI, CSV reader, detector, scorer, JSON), in a private directory inside DIR. The
# archive replaces the old one only once a JVM has mapped it with -Xshare:on and found every region's
# checksum right (-XX:+VerifySharedSpaces; too slow to pay at every start), and only after it is on
# disk (sync: a Pi loses power); the rename is atomic, so no launcher ever sees half a file, and the id
# is written last. Any failure leaves DIR without an archive; it never fails itself. Takes a few
# seconds (about 3 s of CPU here). The recording JVM gets a small heap (the analysis needs little):
# a 32-bit JVM with the default heap (a quarter of a big machine's memory) runs out of address space
# writing the archive ("insufficient memory", seen on armhf); the archive holds no heap objects, so
# any JVM maps it whatever its heap.
plm_launch_record() {
    _plm_dir="$3"
    rm -f "$_plm_dir/plm.jsa.id" "$_plm_dir/plm.jsa" 2>/dev/null || return 0
    _plm_tmp="$(mktemp -d "$_plm_dir/.plm-cds.XXXXXX" 2>/dev/null)" || return 0
    if awk 'BEGIN { print "t,x,y,z"; for (i = 0; i < 6000; i++) printf "%.2f,%.4f,%.4f,%.4f\n", i / 100, 0.01 * sin(i / 30), 0.02 * cos(i / 50), 0.99 }' >"$_plm_tmp/n.csv" \
        && "$1" -XX:+UseSerialGC -Xmx64m -XX:+VerifySharedSpaces -XX:ArchiveClassesAtExit="$_plm_tmp/plm.jsa" \
            -jar "$2" analyze --left "$_plm_tmp/n.csv" >/dev/null 2>&1 \
        && "$1" -XX:+UseSerialGC -Xmx64m -XX:+VerifySharedSpaces -XX:SharedArchiveFile="$_plm_tmp/plm.jsa" -Xshare:on \
            -jar "$2" --version >/dev/null 2>&1 \
        && chmod 0644 "$_plm_tmp/plm.jsa" \
        && { sync "$_plm_tmp/plm.jsa" 2>/dev/null || sync; } \
        && mv -f "$_plm_tmp/plm.jsa" "$_plm_dir/plm.jsa" \
        && plm_launch_id "$1" "$2" "$_plm_dir" >"$_plm_tmp/id" \
        && echo >>"$_plm_tmp/id" \
        && chmod 0644 "$_plm_tmp/id"; then
        mv -f "$_plm_tmp/id" "$_plm_dir/plm.jsa.id" || true
    fi
    rm -rf "$_plm_tmp"
    return 0
}

# plm_launch_exec JAVA JAR DIR ARG...: replaces the shell with plm on JAVA, its arguments ARG...; never
# returns. Options, in order (for a repeated option the JVM takes the last):
#   -XX:+UseSerialGC       smallest footprint and fastest start on a small machine; the daemon's
#                          pauses are far below a sample period
#   the archive            while DIR/plm.jsa is current (above), with -Xshare:auto and its cds
#                          messages silenced, so that stdout stays the command's own
#   C1 for analyze         a night's file is analysed in about a second, before C2's compilations
#                          (several CPU-seconds on two cores) pay back; C1 inlines methods of up to
#                          60 bytecodes instead of 35 (the biquad step is 53, run six times a sample):
#                          the same code and results, about a fifth less CPU (docs/detector.md). The
#                          daemon and the other commands keep the full JIT.
#   PLM_JAVA_OPTS          the caller's own (heap, GC, -XX:TieredStopAtLevel=4...), split on spaces,
#                          never globbed
plm_launch_exec() {
    _plm_java="$1"
    _plm_jar="$2"
    _plm_dir="$3"
    shift 3
    _plm_jit=
    if [ "${1:-}" = analyze ]; then
        _plm_jit="-XX:TieredStopAtLevel=1 -XX:C1MaxInlineSize=60"
    fi
    set -f
    # shellcheck disable=SC2086  # lists of options, split on purpose
    set -- $_plm_jit ${PLM_JAVA_OPTS:-} -jar "$_plm_jar" "$@"
    if plm_launch_current "$_plm_java" "$_plm_jar" "$_plm_dir"; then
        set -- "-XX:SharedArchiveFile=$_plm_dir/plm.jsa" -Xshare:auto '-Xlog:cds*=off' "$@"
    fi
    exec "$_plm_java" -XX:+UseSerialGC "$@"
}
