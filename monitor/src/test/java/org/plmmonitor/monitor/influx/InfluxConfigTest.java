package org.plmmonitor.monitor.influx;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfluxConfigTest {
    @Test
    void validatesAndNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InfluxConfig.builder().url("ftp://x").patientId("p1").build());
        assertTrue(e.getMessage().contains("ftp://x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> InfluxConfig.builder().url("https://clinic.example:8086").patientId("Jane Doe").build());
        assertTrue(e.getMessage().contains("patient id 'Jane Doe'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> InfluxConfig.builder().url("http://127.0.0.1:8086").patientId("p1").credentials("u", "").build());
        assertTrue(e.getMessage().contains("together"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> InfluxConfig.builder().url("https://plm:secret@clinic.example:8086").patientId("p1").build());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InfluxConfig.builder().url("http://127.0.0.1:8086").patientId("p1")
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(1)).build());
        assertTrue(e.getMessage().contains("max backoff PT1S"), e.getMessage());
    }

    @Test
    void neverShowsThePassword() {
        InfluxConfig c = InfluxConfig.builder().url("https://clinic.example:8086").patientId("p-7").credentials("plm", "s3cret!")
                .build();
        assertFalse(c.toString().contains("s3cret!"), c.toString());
        assertTrue(c.toString().contains("password=***"));
    }

    @Test
    void backoffDoublesAndCaps() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
        assertEquals(Duration.ofMillis(500), b.delayAfter(1));
        assertEquals(Duration.ofSeconds(1), b.delayAfter(2));
        assertEquals(Duration.ofSeconds(32), b.delayAfter(7));
        assertEquals(Duration.ofSeconds(60), b.delayAfter(8));
        assertEquals(Duration.ofSeconds(60), b.delayAfter(1000));
    }
}
