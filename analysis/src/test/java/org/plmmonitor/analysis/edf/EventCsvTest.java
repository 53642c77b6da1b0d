package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCsvTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("e.csv");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void readsHeaderCommentsBlankLinesLegsAndAnyOrder() throws Exception {
        Path p = file("\uFEFFonset_s, offset_s, leg\n# a comment\n\n 20.5 , 21 , R\n3,3.5,\n1e1,11,B\n-2,-1,left\n");
        assertEquals(List.of(LegMovement.of(20.5, 21, Leg.RIGHT), LegMovement.of(3, 3.5, Leg.LEFT),
                LegMovement.of(10, 11, Leg.BILATERAL), LegMovement.of(-2, -1, Leg.LEFT)), EventCsv.readMovements(p));
    }

    @Test
    void headerAloneIsANightWithoutEvents() throws Exception {
        assertTrue(EventCsv.readMovements(file("onset_s,offset_s\n")).isEmpty());
    }

    @Test
    void intervalsNeedExactlyTwoColumns() throws Exception {
        assertEquals(List.of(new TimeInterval(0, 0)), EventCsv.readIntervals(file("0,0\n")));
        InputException e = assertThrows(InputException.class, () -> EventCsv.readIntervals(file("0\n")));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().endsWith("expected 2 columns (onset_s,offset_s), found 1"));
    }

    @Test
    void rejectsHexInfinityAndHeadersAfterLineOne() throws Exception {
        assertThrows(InputException.class, () -> EventCsv.readMovements(file("0x10,20\n")));
        assertThrows(InputException.class, () -> EventCsv.readMovements(file("1e999,2\n")));
        assertThrows(InputException.class, () -> EventCsv.readMovements(file("NaN,2\n")), "NaN is no header");
        assertThrows(InputException.class, () -> EventCsv.readMovements(file("Infinity,2\n")));
        InputException e = assertThrows(InputException.class, () -> EventCsv.readMovements(file("0,1\nonset_s,offset_s\n")));
        assertEquals(2, e.line());
    }
}
