package org.plmmonitor.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every InfluxQL query of the Grafana dashboard runs on a real influxd holding points shaped as
 * docs/influxdb-schema.md describes, with Grafana's variables filled in: each must parse, and each must
 * find the points (a misspelt measurement, field or tag returns nothing).
 */
class DashboardQueriesTest {

    @TempDir
    Path dir;

    private static final String POINTS = String.join("\n",
            "plm_movement,patient=p01,device=pi,night=2026-11-23,leg=left,detector=1.0 offset_utc_ms=1i,duration_s=1.5,"
                    + "onset_source_s=10,offset_source_s=11.5,candidate=true,periodic=true,series_id=1i,"
                    + "series_pending=false,peak_g=0.12,rms_g=0.03,standard=\"wasm2016\" 1795460000000",
            "plm_series,patient=p01,device=pi,night=2026-11-23,detector=1.0 series_id=1i,end_utc_ms=2i,duration_s=300,"
                    + "count=12i 1795460000000",
            "plm_activity,patient=p01,device=pi,night=2026-11-23,leg=left activity_g=0.02,lying=true,worn=true 1795460000000",
            "device_health,patient=p01,device=pi,night=2026-11-23,component=left-sensor,kind=connected detail=\"ok\" 1795460000000",
            "cuff_action,patient=p01,device=pi,night=2026-11-23,command=inflate target_mmhg=30,duration_s=5,"
                    + "outcome=\"done\" 1795460000000",
            "plm_night,patient=p01,device=pi,night=2026-11-23,detector=1.0 open=false,end_utc_ms=3i,analysable_s=25200,"
                    + "wear_s=27000,time_zone=\"UTC\",software_version=\"0.1.0\",standard=\"wasm2016\" 1795460000000");

    @Test
    void everyPanelQueryParsesAndFindsSchemaShapedPoints() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3 to read the dashboard with");
        Cmd.Result r = Cmd.run(30, "/usr/bin/python3", "-c",
                "import json,sys; d=json.load(open(sys.argv[1])); "
                        + "print('\\n'.join(t['query'] for p in d['panels'] for t in p['targets'])); "
                        + "print('\\n'.join(v['query'] for v in d['templating']['list']))",
                Deb.deployDir().resolve("grafana/plm-dashboard.json").toString());
        assertEquals(0, r.exit(), r.describe());
        List<String> queries = r.out().lines().toList();
        assertTrue(queries.size() >= 10, queries.toString());
        try (Influxd influxd = Influxd.start(dir, false)) {
            influxd.query(null, "CREATE DATABASE plm");
            assertEquals(204, influxd.write("db=plm&precision=ms", POINTS).statusCode());
            for (String grafana : queries) {
                String q = grafana.replace("$timeFilter", "time > 1795450000000ms AND time < 1795470000000ms")
                        .replace("$__interval", "1m").replace("$patient", "p01").replace("$device", "pi")
                        .replace("$detector", "1\\.0");
                String answer = influxd.query(null, "plm", q);
                assertFalse(answer.contains("\"error\""), grafana + "\n-> " + answer);
                assertTrue(answer.contains("\"values\""), "finds nothing: " + grafana + "\n-> " + answer);
            }
        }
    }
}
