package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemLogicExportTest {
    static final String HEAD = "RemLogic Event Export\r\nPatient:\tX\r\nRecording Date:\t1/1/2020\r\n\r\n"
            + "Events Included:\r\nPLM-LM\r\nSLEEP-S0\r\n\r\n"
            + "Time [hh:mm:ss.xxx]\tEvent\tDuration[s]\tLocation\r\n";

    static String row(String time, String event, String dur, String loc) {
        return time + "\t" + event + "\t" + dur + "\t" + loc + "\r\n";
    }

    @Test
    void readsTheTableRelativeToTheFirstEpoch() throws InputException {
        String text = HEAD
                + row("2020-01-01T23:59:50.500000", "AROUSAL", "3.00", "EEG-C3")   // before the first epoch
                + row("2020-01-02T00:00:00.000000", "SLEEP-S0", "30.00", "EEG-F3")
                + row("2020-01-02T00:00:12.250000", "PLM-LM", "1.50", "EMG.Tibialis-Leg.Right")
                + row("2020-01-02T00:00:30.000000", "SLEEP-S2", "30.00", "EEG-F3")
                + row("2020-01-02T00:00:40.000000", "PLM-LM", "2", "LAntib1-LAntib2")
                + row("2020-01-02T00:00:45.000000", "HYPOPNEA", "12.5", "Resp.Flow  ")
                + row("2020-01-02T00:01:00.000000", "SLEEP-UNSCORED", "30", "EEG-F3")
                + "\r\n";
        EventLabels l = EventLabels.defaults();
        RemLogicExport x = RemLogicExport.parse(text, "n.txt", l);
        assertEquals(90.0, x.recordedS(), 1e-9, "to the end of the last epoch");
        assertEquals(List.of(LegMovement.of(12.25, 13.75, Leg.RIGHT), LegMovement.of(40, 42, Leg.LEFT)), x.legMovements(l));
        assertEquals(List.of(new TimeInterval(-9.5, -6.5)), x.intervals(l, EventLabels.Kind.AROUSAL));
        assertEquals(List.of(new TimeInterval(45, 57.5)), x.intervals(l, EventLabels.Kind.RESPIRATORY));
        assertEquals(List.of(new TimeInterval(30, 60)), x.intervals(l, EventLabels.Kind.SLEEP));
        assertEquals(List.of(new TimeInterval(0, 30)), x.intervals(l, EventLabels.Kind.WAKE));
        assertEquals(11, x.rows().get(1).line(), "the header takes lines 1-9");
        assertEquals("Resp.Flow", x.rows().get(5).location());
    }

    @Test
    void withoutAHypnogramTheFirstEventIsZero() throws InputException {
        String text = HEAD + row("2020-01-02T01:00:10", "PLM-LM", "1", "Leg-Left")
                + row("2020-01-02T01:00:30", "PLM-LM", "2", "Leg-Left");
        RemLogicExport x = RemLogicExport.parse(text, "n.txt", EventLabels.defaults());
        assertEquals(22.0, x.recordedS(), 1e-9);
        assertEquals(0.0, x.rows().get(0).onsetS());
    }

    @Test
    void recognisedByItsFirstLine(@TempDir Path dir) throws IOException, InputException {
        assertTrue(RemLogicExport.looksLikeRemLogic(HEAD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(RemLogicExport.looksLikeRemLogic(("\uFEFF" + HEAD).getBytes(StandardCharsets.UTF_8)));
        assertFalse(RemLogicExport.looksLikeRemLogic("onset_s,offset_s\n".getBytes(StandardCharsets.UTF_8)));
        Path p = dir.resolve("night.txt");
        Files.write(p, (HEAD + row("2020-01-02T01:00:10", "PLM-LM", "1", "Patient: Müller")).getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(ImportedNight.Format.REMLOGIC, ImportedNight.formatOf(p));
        assertEquals("Patient: Müller", RemLogicExport.read(p, EventLabels.defaults()).rows().get(0).location(),
                "not UTF-8: read as Windows-1252");
    }

    @Test
    void badInputNamesFileAndLine() {
        EventLabels l = EventLabels.defaults();
        assertEquals("n.txt:1: expected the first line 'RemLogic Event Export'",
                assertThrows(InputException.class, () -> RemLogicExport.parse("Time\tEvent\n", "n.txt", l)).getMessage());
        assertEquals("n.txt: no table header line starting with 'Time [' (columns Time, Event, Duration[s], Location)",
                assertThrows(InputException.class, () -> RemLogicExport.parse("RemLogic Event Export\nx\n", "n.txt", l))
                        .getMessage());
        assertEquals("n.txt:10: time '23:59:50' is not a date-time like 2015-04-15T23:52:03.162755",
                assertThrows(InputException.class, () -> RemLogicExport.parse(HEAD + row("23:59:50", "PLM-LM", "1", "L"),
                        "n.txt", l)).getMessage());
        assertEquals("n.txt:11: duration '-1' is not a number of seconds >= 0",
                assertThrows(InputException.class, () -> RemLogicExport.parse(HEAD
                        + row("2020-01-02T01:00:10", "PLM-LM", "1", "L")
                        + row("2020-01-02T01:00:20", "PLM-LM", "-1", "L"), "n.txt", l)).getMessage());
        assertEquals("n.txt:10: expected at least 3 tab-separated columns (Time [hh:mm:ss.xxx], Event, Duration[s], "
                        + "Location), found 2",
                assertThrows(InputException.class, () -> RemLogicExport.parse(HEAD + "2020-01-02T01:00:10\tPLM-LM\n",
                        "n.txt", l)).getMessage());
        assertEquals("n.txt:9: the table header has no 'duration' column; expected Time, Event, Duration[s], Location",
                assertThrows(InputException.class, () -> RemLogicExport.parse(HEAD.replace("Duration[s]", "Length"),
                        "n.txt", l)).getMessage());
    }
}
