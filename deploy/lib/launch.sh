# launch.sh: how a plm launcher starts the JVM. Sourced (POSIX sh) by the repository's ./plm and by the
# package's /usr/bin/plm (installed as /usr/share/plm-monitor/launch.sh), so that both start plm the same
# way; each says where its jar and its class-data archives live (DIR).
#
# A class-data archive (AppCDS) holds the classes a run loads, already parsed and verified: a start maps
# it instead of reading them from the jar. Two, as the classes differ: DIR/plm-monitor.jsa, recorded by
# a short simulated night of the daemon, for `plm monitor`; DIR/plm.jsa, recorded by a short analysis,
# for every other command. They are only an optimisation. Beside each, its id (DIR/NAME.jsa.id) records
# what it was made for (the archive's own size, and the size and mtime of the jar and of the java
# binary); a launcher maps an archive only while all of these still match, so a missing, truncated (a
# truncated archive crashes the JVM that maps it), stale (another jar, another JDK) or half-written
# archive means a plain start, never a failure. The JVM checks the rest itself (-Xshare:auto: the
# archive's header, its JVM build, the jar) and silently ignores an archive it refuses.

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

# plm_launch_jsa DIR COMMAND: sets plm_jsa to the archive a run of the subcommand COMMAND maps (a
# variable, not output: no subshell at every start).
plm_launch_jsa() {
    if [ "$2" = monitor ]; then
        plm_jsa="$1/plm-monitor.jsa"
    else
        plm_jsa="$1/plm.jsa"
    fi
}

# plm_launch_id JAVA JAR JSA: prints the identity the archive JSA is valid for (one line).
plm_launch_id() {
    stat -L --printf '%s:%Y ' "$3" "$2" "$1" 2>/dev/null
}

# plm_launch_current JAVA JAR JSA: succeeds if the archive JSA is there, whole, and made for this jar
# and this java (JAVA: a path, not a bare name).
plm_launch_current() {
    [ -f "$3" ] && [ -r "$3.id" ] || return 1
    _plm_want=
    IFS= read -r _plm_want <"$3.id" || [ -n "$_plm_want" ] || return 1
    _plm_have="$(plm_launch_id "$1" "$2" "$3")" || return 1
    [ "$_plm_have" = "$_plm_want" ]
}

# plm_launch_record JAVA JAR DIR COMMAND: records the archive a run of COMMAND maps (plm_launch_jsa),
# in a private directory inside DIR, from a run on generated input: for monitor, six simulated minutes
# of one ankle, as fast as they go, into a store in that directory (configuration, simulator, detector,
# scorer, SQLite, night close and its files; no network, no device); else the analysis of a generated
# minute (start-up, CLI, CSV reader, detector, scorer, JSON). The archive replaces the old one only once
# a JVM has mapped it with -Xshare:on and found every region's checksum right (-XX:+VerifySharedSpaces;
# too slow to pay at every start), and only after it is on disk (sync: a Pi loses power); the rename is
# atomic, so no launcher ever sees half a file, and the id is written last. Any failure leaves no
# archive; it never fails itself. A few seconds each here. The recording JVM gets a small heap (the
# runs need little): a 32-bit JVM with the default heap (a quarter of a big machine's memory) runs out
# of address space writing the archive ("insufficient memory", seen on armhf); the archive holds no
# heap objects, so any JVM maps it whatever its heap.
plm_launch_record() {
    plm_launch_jsa "$3" "$4"
    _plm_rec="$plm_jsa"
    rm -f "$_plm_rec.id" "$_plm_rec" 2>/dev/null || return 0
    _plm_tmp="$(mktemp -d "$3/.plm-cds.XXXXXX" 2>/dev/null)" || return 0
    if [ "$4" = monitor ]; then
        printf '%s\n' "sensor.left.type = simulator" "time_zone = UTC" "web.enabled = false" \
            "store.path = $_plm_tmp/store/plm.db" >"$_plm_tmp/plm.conf"
        set -- "$1" "$2" monitor --config "$_plm_tmp/plm.conf" --once --fast --hours 0.1
    else
        awk 'BEGIN { print "t,x,y,z"; for (i = 0; i < 6000; i++) printf "%.2f,%.4f,%.4f,%.4f\n", i / 100, 0.01 * sin(i / 30), 0.02 * cos(i / 50), 0.99 }' >"$_plm_tmp/n.csv"
        set -- "$1" "$2" analyze --left "$_plm_tmp/n.csv"
    fi
    _plm_java="$1"
    _plm_jar="$2"
    shift 2
    if [ -s "$_plm_tmp/plm.conf" ] || [ -s "$_plm_tmp/n.csv" ]; then
        if "$_plm_java" -XX:+UseSerialGC -Xmx64m -XX:+VerifySharedSpaces -XX:ArchiveClassesAtExit="$_plm_tmp/a.jsa" \
                -Djava.io.tmpdir="$_plm_tmp" -jar "$_plm_jar" "$@" >/dev/null 2>&1 \
            && "$_plm_java" -XX:+UseSerialGC -Xmx64m -XX:+VerifySharedSpaces -XX:SharedArchiveFile="$_plm_tmp/a.jsa" \
                -Xshare:on -jar "$_plm_jar" --version >/dev/null 2>&1 \
            && chmod 0644 "$_plm_tmp/a.jsa" \
            && { sync "$_plm_tmp/a.jsa" 2>/dev/null || sync; } \
            && mv -f "$_plm_tmp/a.jsa" "$_plm_rec" \
            && plm_launch_id "$_plm_java" "$_plm_jar" "$_plm_rec" >"$_plm_tmp/id" \
            && echo >>"$_plm_tmp/id" \
            && chmod 0644 "$_plm_tmp/id"; then
            mv -f "$_plm_tmp/id" "$_plm_rec.id" || true
        fi
    fi
    rm -rf "$_plm_tmp"
    return 0
}

# plm_launch_exec JAVA JAR DIR ARG...: replaces the shell with plm on JAVA, its arguments ARG...; never
# returns. Options, in order (for a repeated option the JVM takes the last):
#   -XX:+UseSerialGC       smallest footprint and fastest start on a small machine; the daemon's
#                          pauses are far below a sample period
#   -Xmx256m               a ceiling on the heap. Without it the JVM takes a quarter of the machine's
#                          memory, and a 32-bit JVM (armhf) reserves that much address space up front:
#                          on a 4 GB board, or under qemu on a big host, about 1 GB of its 3 GB, and an
#                          analysis died with "insufficient memory (malloc failed)" (seen in the armhf
#                          package test). Every command fits far below it: the daemon, web and export
#                          included, runs in 48 MB (its unit's -Xmx48m), a 24-h analysis in 64 MB
#   the archive            the one for this subcommand (plm_launch_jsa) while it is current (above),
#                          with -Xshare:auto and its cds messages silenced, so that stdout stays the
#                          command's own
#   C1 for analyze         a night's file is analysed in about a second, before C2's compilations
#                          (several CPU-seconds on two cores) pay back; C1 inlines methods of up to
#                          60 bytecodes instead of 35 (the biquad step is 53, run six times a sample):
#                          the same code and results, about a fifth less CPU (docs/detector.md). The
#                          daemon and the other commands keep the JVM's default JIT.
#   PLM_JAVA_OPTS          the caller's own (heap, GC, -XX:TieredStopAtLevel=4, -Xshare:off...), split
#                          on spaces, never globbed
plm_launch_exec() {
    _plm_java="$1"
    _plm_jar="$2"
    plm_launch_jsa "$3" "${4:-}"
    shift 3
    _plm_jit=
    if [ "${1:-}" = analyze ]; then
        _plm_jit="-XX:TieredStopAtLevel=1 -XX:C1MaxInlineSize=60"
    fi
    set -f
    # shellcheck disable=SC2086  # lists of options, split on purpose
    set -- $_plm_jit ${PLM_JAVA_OPTS:-} -jar "$_plm_jar" "$@"
    if plm_launch_current "$_plm_java" "$_plm_jar" "$plm_jsa"; then
        set -- "-XX:SharedArchiveFile=$plm_jsa" -Xshare:auto '-Xlog:cds*=off' "$@"
    fi
    exec "$_plm_java" -XX:+UseSerialGC -Xmx256m "$@"
}
