package org.plmmonitor.monitor.config;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code cuff.leg}: which leg the cuff's pressure movements belong to. */
class CuffLegConfigTest {
    private static MonitorConfig parse(String... lines) throws ConfigException {
        return ConfigLoader.parse("plm.conf", String.join("\n", lines) + "\n");
    }

    @Test
    void theCuffIsOnTheLeftUnlessToldAndOnTheRightWhenTold() throws ConfigException {
        assertEquals(Leg.LEFT, parse("cuff.type = simulator").cuff().orElseThrow().leg());
        assertEquals(Leg.RIGHT, parse("cuff.type = simulator", "cuff.leg = right").cuff().orElseThrow().leg());
    }

    @Test
    void aLegThatIsNoLegIsOneLineNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("cuff.type = simulator", "cuff.leg = both"));
        List<String> p = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of("plm.conf:2: key 'cuff.leg': 'both' is not one of left, right"), p);
    }

    @Test
    void theKeyNeedsACuff() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("sensor.left.type = simulator", "cuff.leg = left"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(true, e.problems().get(0).toString().contains("cuff.leg"), e.getMessage());
    }
}
