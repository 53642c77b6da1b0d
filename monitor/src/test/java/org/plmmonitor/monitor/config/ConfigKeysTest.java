package org.plmmonitor.monitor.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which spelling a typo is taken for. */
class ConfigKeysTest {

    @Test
    void aCutShortKeySuggestsTheKeyItBegins() {
        // Edit distance alone offered sensor.left.path (2 edits) over sensor.left.rate_hz (3).
        assertEquals(Optional.of("sensor.left.rate_hz"), ConfigKeys.suggest("sensor.left.rate"));
        assertEquals(Optional.of("sensor.right.rate_hz"), ConfigKeys.suggest("sensor.right.rate"));
        assertEquals(Optional.of("cuff.max_pressure_mmhg"), ConfigKeys.suggest("cuff.max_pressure"));
    }

    @Test
    void plainTyposStillGoByEdits() {
        assertEquals(Optional.of("night.start"), ConfigKeys.suggest("night.strat"));
        assertEquals(Optional.of("sensor.left.type"), ConfigKeys.suggest("sensor.lft.type"));
        assertEquals(Optional.of("simulator"), ConfigKeys.closest("simulater", List.of("serial", "simulator", "replay")));
    }

    @Test
    void sharedWordsDecideBetweenEqualEdits() {
        // One edit each; 'left.rate.y' shares left, rate and y, 'left.rata_y' only left and y.
        assertEquals(Optional.of("left.rate.y"), ConfigKeys.closest("left.rate_y", List.of("left.rata_y", "left.rate.y")));
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertEquals(Optional.empty(), ConfigKeys.suggest("colour"));
    }
}
