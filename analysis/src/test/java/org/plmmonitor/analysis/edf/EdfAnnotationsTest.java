package org.plmmonitor.analysis.edf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdfAnnotationsTest {

    /** Builds an EDF+ header by hand, field by field, as the spec lays it out. */
    static byte[] header(String records, String duration, String[] labels, int[] samples) {
        StringBuilder h = new StringBuilder();
        f(h, "0", 8);
        f(h, "X X X X", 80);
        f(h, "Startdate 11-JUN-2024 X X X", 80);
        f(h, "11.06.24", 8);
        f(h, "22.30.05", 8);
        f(h, Integer.toString(256 * (labels.length + 1)), 8);
        f(h, "EDF+C", 44);
        f(h, records, 8);
        f(h, duration, 8);
        f(h, Integer.toString(labels.length), 4);
        for (String l : labels) {
            f(h, l, 16);
        }
        for (String ignored : labels) {
            f(h, "", 80);
        }
        for (String ignored : labels) {
            f(h, "uV", 8);
        }
        for (String ignored : labels) {
            f(h, "-100", 8);
        }
        for (String ignored : labels) {
            f(h, "100", 8);
        }
        for (String ignored : labels) {
            f(h, "-32768", 8);
        }
        for (String ignored : labels) {
            f(h, "32767", 8);
        }
        for (String ignored : labels) {
            f(h, "", 80);
        }
        for (int s : samples) {
            f(h, Integer.toString(s), 8);
        }
        for (String ignored : labels) {
            f(h, "", 32);
        }
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void f(StringBuilder h, String s, int w) {
        h.append(s).append(" ".repeat(w - s.length()));
    }

    static byte[] signal(String tals, int bytes) {
        byte[] t = tals.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(t, bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** Two records: an EEG signal of 2 samples and an annotation signal of 40 samples (80 bytes). */
    static byte[] handBuilt() {
        byte[] eeg = new byte[4];
        return concat(header("2", "30", new String[]{"EEG Fpz-Cz", "EDF Annotations"}, new int[]{2, 40}),
                eeg, signal("+0\u0014\u0014\u0000+12.5\u001512\u0014Obstructive Apnea\u0014\u0000"
                        + "+20.25\u00151.5\u0014LM L\u0014Arousal\u0014\u0000", 80),
                eeg, signal("+30\u0014\u0014Lights off\u0014\u0000-1.5\u0014Sleep stage W\u0014\u0000", 80));
    }

    @Test
    void readsHandBuiltBytesPerTheSpec() throws InputException {
        EdfAnnotations a = EdfAnnotations.parse(handBuilt(), "night.edf");
        assertEquals(LocalDateTime.of(2024, 6, 11, 22, 30, 5), a.start());
        assertEquals("EDF+C", a.reserved());
        assertEquals(60.0, a.recordedS());
        assertEquals(List.of("EEG Fpz-Cz", "EDF Annotations"), a.labels());
        assertEquals(List.of(new Annotation(12.5, 12, "Obstructive Apnea"), new Annotation(20.25, 1.5, "LM L"),
                new Annotation(20.25, 1.5, "Arousal"), new Annotation(30, Double.NaN, "Lights off"),
                new Annotation(-1.5, Double.NaN, "Sleep stage W")), a.annotations());
    }

    @Test
    void roundTripsThroughTheWriter(@TempDir Path dir) throws IOException, InputException {
        List<Annotation> in = List.of(new Annotation(0.5, 1.25, "Limb movement (left)"),
                new Annotation(61.125, 0.75, "Limb movement (right)"), new Annotation(100, Double.NaN, "Sleep stage N2"),
                new Annotation(119.999999, 30, "Hypopnea"), new Annotation(5, 0, "Ünïcode note"));
        Path p = dir.resolve("events.edf");
        EdfAnnotationWriter.write(p, LocalDateTime.of(2023, 1, 2, 23, 4, 5), 4, 30, in);
        EdfAnnotations back = EdfAnnotations.read(p);
        assertEquals(LocalDateTime.of(2023, 1, 2, 23, 4, 5), back.start());
        assertEquals(120.0, back.recordedS());
        assertEquals(List.of(EdfAnnotations.ANNOTATION_LABEL), back.labels());
        assertEquals(in.size(), back.annotations().size());
        assertTrue(back.annotations().containsAll(in), back.annotations().toString());
        assertTrue(EdfAnnotations.looksLikeEdf(Files.readAllBytes(p)));
    }

    @Test
    void truncatedFileNamesTheRecord() {
        byte[] whole = handBuilt();
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        InputException e = assertThrows(InputException.class, () -> EdfAnnotations.parse(cut, "cut.edf"));
        assertTrue(e.getMessage().startsWith("cut.edf: byte " + cut.length + " (data record 2): file is truncated"),
                e.getMessage());
        InputException e2 = assertThrows(InputException.class, () -> EdfAnnotations.parse(Arrays.copyOf(whole, 100), "h.edf"));
        assertTrue(e2.getMessage().contains("shorter than the 256-byte EDF header"), e2.getMessage());
    }

    @Test
    void badHeaderNumbersAreNamed() {
        byte[] b = handBuilt();
        byte[] bad = b.clone();
        System.arraycopy("x       ".getBytes(StandardCharsets.US_ASCII), 0, bad, 236, 8);
        InputException e = assertThrows(InputException.class, () -> EdfAnnotations.parse(bad, "n.edf"));
        assertEquals("n.edf: byte 236: number of data records 'x' is not an integer", e.getMessage());
        byte[] bad2 = b.clone();
        System.arraycopy("1024    ".getBytes(StandardCharsets.US_ASCII), 0, bad2, 184, 8);
        assertTrue(assertThrows(InputException.class, () -> EdfAnnotations.parse(bad2, "n.edf")).getMessage()
                .contains("header size 1024 bytes does not match 2 signals"));
        byte[] notEdf = b.clone();
        notEdf[0] = '9';
        assertFalse(EdfAnnotations.looksLikeEdf(notEdf));
        assertThrows(InputException.class, () -> EdfAnnotations.parse(notEdf, "n.edf"));
    }

    @Test
    void badTalsAreNamedWithOffsetAndRecord() {
        int first = 256 * 3 + 4; // header, then the EEG samples of record 1
        byte[] noSign = concat(header("1", "30", new String[]{"EEG", "EDF Annotations"}, new int[]{2, 20}), new byte[4],
                signal("+0\u0014\u0014\u000012\u0014LM\u0014\u0000", 40));
        InputException e = assertThrows(InputException.class, () -> EdfAnnotations.parse(noSign, "t.edf"));
        assertEquals("t.edf: byte " + (first + 5) + " (data record 1): TAL onset must start with '+' or '-', found byte 0x31",
                e.getMessage());
        byte[] unterminated = concat(header("1", "30", new String[]{"EEG", "EDF Annotations"}, new int[]{2, 5}), new byte[4],
                signal("+0\u0014\u0014\u0000+1\u0014LM", 10));
        assertTrue(assertThrows(InputException.class, () -> EdfAnnotations.parse(unterminated, "t.edf")).getMessage()
                .contains("not terminated by 0x00 within the record"));
        byte[] badNumber = concat(header("1", "30", new String[]{"EEG", "EDF Annotations"}, new int[]{2, 20}), new byte[4],
                signal("+0\u0014\u0014\u0000+1x\u0014LM\u0014\u0000", 40));
        assertTrue(assertThrows(InputException.class, () -> EdfAnnotations.parse(badNumber, "t.edf")).getMessage()
                .contains("TAL onset '+1x' is not a number"));
    }

    @Test
    void defaultLabelsMapPsgScorings() {
        EventLabels l = EventLabels.defaults();
        for (String s : List.of("LM", "Limb Movement", "leg movement", "Limb movement (left)", "Limb Movement (Right)",
                "LM L", "LM R", "LM-L", "Left Leg Movement")) {
            assertTrue(l.is(s, EventLabels.Kind.LEG_MOVEMENT), s);
        }
        for (String s : List.of("PLM", "Periodic limb movement", "LMA", "Lights off")) {
            assertFalse(l.is(s, EventLabels.Kind.LEG_MOVEMENT), s);
        }
        assertEquals(Leg.LEFT, EventLabels.legOf("Limb movement (left)").orElseThrow());
        assertEquals(Leg.RIGHT, EventLabels.legOf("LM R").orElseThrow());
        assertEquals(Leg.LEFT, EventLabels.legOf("LM-L").orElseThrow());
        assertTrue(EventLabels.legOf("LM").isEmpty());
        for (String s : List.of("Apnea", "Obstructive Apnea", "Central Apnea", "Mixed Apnea", "Hypopnea", "obstructive apnoea")) {
            assertTrue(l.is(s, EventLabels.Kind.RESPIRATORY), s);
        }
        assertTrue(l.is("EEG arousal", EventLabels.Kind.AROUSAL));
        assertTrue(l.is("Arousal (ARO SPONT)", EventLabels.Kind.AROUSAL));
        assertFalse(l.is("Arousals index", EventLabels.Kind.RESPIRATORY));
        for (String s : List.of("Sleep stage N1", "Sleep stage N2", "Sleep stage N3", "Sleep stage R", "Sleep stage 4")) {
            assertTrue(l.is(s, EventLabels.Kind.SLEEP), s);
        }
        assertTrue(l.is("Sleep stage W", EventLabels.Kind.WAKE));
        assertFalse(l.is("Sleep stage W", EventLabels.Kind.SLEEP));
        EventLabels custom = l.with(EventLabels.Kind.LEG_MOVEMENT, "TibL|TibR");
        assertTrue(custom.is("tibl", EventLabels.Kind.LEG_MOVEMENT));
        assertFalse(custom.is("LM", EventLabels.Kind.LEG_MOVEMENT));
        assertThrows(IllegalArgumentException.class, () -> l.with(EventLabels.Kind.AROUSAL, "("));
    }

    @Test
    void eventsFromAScoring() throws InputException {
        EdfAnnotations f = new EdfAnnotations(LocalDateTime.of(2024, 1, 1, 22, 0), "EDF+C", 4, 30, List.of("EDF Annotations"),
                List.of(new Annotation(0, Double.NaN, "Sleep stage W"), new Annotation(30, Double.NaN, "Sleep stage N1"),
                        new Annotation(60, Double.NaN, "Sleep stage N2"), new Annotation(90, Double.NaN, "Sleep stage W"),
                        new Annotation(100, 30, "Sleep stage R"),
                        new Annotation(40, 2, "LM R"), new Annotation(45, 1, "Hypopnea"), new Annotation(50, Double.NaN, "Arousal")));
        assertEquals(List.of(new TimeInterval(30, 60), new TimeInterval(60, 90), new TimeInterval(100, 130)),
                EdfEvents.sleep(f, EventLabels.defaults()));
        assertEquals(List.of(LegMovement.of(40, 42, Leg.RIGHT)), EdfEvents.legMovements(f, EventLabels.defaults(), "f.edf"));
        assertEquals(List.of(new TimeInterval(50, 50)),
                EdfEvents.intervals(f, EventLabels.defaults(), EventLabels.Kind.AROUSAL, "f.edf"));
        EdfAnnotations noDur = new EdfAnnotations(f.start(), "EDF+C", 1, 30, List.of(), List.of(new Annotation(3, Double.NaN, "LM")));
        InputException e = assertThrows(InputException.class, () -> EdfEvents.legMovements(noDur, EventLabels.defaults(), "f.edf"));
        assertEquals("f.edf: annotation 1 ('LM' at 3.0 s) has no duration; a leg movement needs one", e.getMessage());
    }
}
