package org.plmmonitor.monitor.export;

import org.plmmonitor.monitor.cli.PlmRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.daemon.ClosedNight;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoredMovement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.plmmonitor.monitor.export.ExportFixture.FIRST;
import static org.plmmonitor.monitor.export.ExportFixture.SECOND;
import static org.plmmonitor.monitor.export.ExportFixture.plm;

/**
 * {@code plm export --format edf} read back by MNE-Python (Debian's python3-mne through /usr/bin/python3, an
 * independent EDF+ reader): the movement annotations' onsets, durations and labels equal the store's
 * movements, and the raw files hold as many samples as the store's raw signal gives whole seconds of
 * (counted in the store opened as the exporter opens it, after a retention pass with today's clock: the
 * nights here are months older than the default raw retention, and a reader deletes nothing).
 * Skipped, saying so, where that Python has no mne.
 */
class EdfMneTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = String.join("\n",
            "import json, sys, mne",
            "mne.set_log_level('ERROR')",
            "out = {}",
            "for f in sys.argv[1:]:",
            "    if f.endswith('-movements.edf'):",
            "        a = mne.read_annotations(f)",
            "        out[f] = {'onset': [float(x) for x in a.onset], 'duration': [float(x) for x in a.duration],",
            "                  'description': [str(x) for x in a.description]}",
            "    else:",
            "        r = mne.io.read_raw_edf(f, preload=False)",
            "        out[f] = {'n_times': int(r.n_times), 'sfreq': float(r.info['sfreq']), 'channels': r.ch_names}",
            "print(json.dumps(out))",
            "");

    @TempDir
    static Path dir;
    static Path data;
    static List<ClosedNight> closed;

    @BeforeAll
    static void recordTwoNights() throws Exception {
        assumeTrue(hasMne(), PYTHON + " has no mne (Debian's python3-mne): the EDF+ export is not read back here");
        data = dir.resolve("data");
        closed = ExportFixture.twoNights(data);
    }

    private static boolean hasMne() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import mne").redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static JsonNode mne(List<Path> files) throws Exception {
        Path script = Files.writeString(dir.resolve("read_edf.py"), SCRIPT);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("mne.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "MNE finishes");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("mne.err")));
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    private record Ann(double onset, double duration, String label) {
    }

    @Test
    void mneReadsTheMovementsAndTheRawSignalAsTheStoreHasThem() throws Exception {
        Path out = dir.resolve("edf");
        PlmRun r = plm("export", "--dir", data.toString(), "--from", FIRST, "--to", SECOND, "--format", "edf",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<Path> files = new ArrayList<>();
        for (ClosedNight n : closed) {
            for (String suffix : List.of("-movements.edf", "-left.edf", "-right.edf")) {
                files.add(out.resolve(n.nightId() + suffix));
            }
        }
        JsonNode read = mne(files);
        Path db = data.resolve("plm.db");
        // Opened as plm export and plm report open it, with today's clock (the nights are months older than
        // the default 60 days of raw signal), and retention run: a reader deletes nothing.
        try (LocalStore store = LocalStore.open(db, StoreConfig.forReading(db), Clock.systemUTC())) {
            store.retainNow();
            for (ClosedNight n : closed) {
                NightRecord rec = store.nights().stream().filter(x -> x.nightId().equals(n.nightId())).findFirst().orElseThrow();
                long fileStart = Math.floorDiv(rec.startUtcMs(), 1000L) * 1000L;
                JsonNode a = read.get(out.resolve(n.nightId() + "-movements.edf").toString());
                String provenance = a.get("description").get(0).asText();
                assertEquals(0.0, a.get("onset").get(0).asDouble());
                for (String s : List.of("detector " + rec.detectorVersion(), "standard wasm2016", "25 Hz", "per hour in bed",
                        "not a diagnosis")) {
                    assertTrue(provenance.contains(s), s + " in " + provenance);
                }
                List<Ann> got = new ArrayList<>();
                for (int i = 1; i < a.get("onset").size(); i++) {
                    got.add(new Ann(a.get("onset").get(i).asDouble(), a.get("duration").get(i).asDouble(),
                            a.get("description").get(i).asText()));
                }
                List<StoredMovement> stored = new ArrayList<>(store.movements(n.nightId(), rec.detectorVersion()));
                stored.sort(Comparator.comparingLong(StoredMovement::onsetUtcMs).thenComparing(m -> m.leg().ordinal()));
                got.sort(Comparator.comparingDouble(Ann::onset).thenComparing(x -> Leg.parse(x.label().replaceAll(".* ", "")).ordinal()));
                assertEquals(stored.size(), got.size(), "one annotation per stored movement");
                int periodic = 0;
                for (int i = 0; i < stored.size(); i++) {
                    StoredMovement m = stored.get(i);
                    Ann g = got.get(i);
                    assertEquals((m.periodic() ? "PLM " : "LM ") + m.leg().jsonName(), g.label(), "at " + g.onset());
                    assertEquals((m.onsetUtcMs() - fileStart) / 1000.0, g.onset(), 1e-6, g.label());
                    assertEquals(m.offsetS() - m.onsetS(), g.duration(), 0.0015, g.label() + " at " + g.onset());
                    periodic += m.periodic() ? 1 : 0;
                }
                assertTrue(periodic > 0 && periodic < stored.size(), "both kinds of label occur: " + periodic);
                for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
                    AtomicLong samples = new AtomicLong();
                    store.rawChunks(n.nightId(), leg, c -> {
                        int rate = (int) Math.round(c.rateHz());
                        samples.addAndGet((long) (c.counts().length / 3 / rate) * rate);
                    });
                    JsonNode raw = read.get(out.resolve(n.nightId() + "-" + leg.jsonName() + ".edf").toString());
                    assertTrue(samples.get() > 25L * 3600, "about two hours of signal: " + samples.get());
                    assertEquals(samples.get(), raw.get("n_times").asLong(), n.nightId() + " " + leg);
                    assertEquals(25.0, raw.get("sfreq").asDouble());
                    assertEquals(3, raw.get("channels").size());
                }
            }
        }
    }
}
