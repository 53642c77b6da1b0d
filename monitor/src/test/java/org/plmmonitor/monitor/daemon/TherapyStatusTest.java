package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.web.WebStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.SessionState;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The therapy policy's part of the status files: its keys in status.json, its line in status.txt. */
class TherapyStatusTest {
    @TempDir
    Path dir;

    private DaemonStatus status(TherapyStatus t) {
        DaemonStatus.CuffStatus cuff = new DaemonStatus.CuffStatus(CuffLinkState.IDLE, "simulator", 0.4, 35,
                Instant.parse("2026-12-06T23:00:00Z"), Set.of(), true, t);
        return new DaemonStatus(Instant.parse("2026-12-06T23:00:01Z"), true, 0, 0, 0, null, null, 0, 0, List.of(),
                dir.resolve("plm.db"), null, null, cuff, WebStatus.DISABLED);
    }

    @Test
    void aRunningPolicyShowsItsStateSessionsAndNextAllowedTime() {
        DaemonStatus s = status(new TherapyStatus("closed-loop", SessionState.WAITING, 1,
                Instant.parse("2026-12-07T00:21:00Z"), List.of(), TrialConfig.Arm.SHAM));
        String json = StatusFile.json(s);
        assertTrue(json.endsWith(",\n  \"therapy\": {\"policy\": \"closed-loop\", \"session\": \"waiting\", "
                + "\"sessions_tonight\": 1, \"next_allowed_utc\": \"2026-12-07T00:21:00Z\", \"contraindications\": [], "
                + "\"trial_arm\": \"sham\"}\n}\n"), json);
        assertTrue(StatusFile.problemIn(json, true).isEmpty(), "the file keeps the shape plm status checks");
        assertTrue(json.contains("\"limits_acknowledged\": true}"), json);
        String text = StatusFile.text(s);
        assertTrue(text.endsWith("\ntherapy: policy closed-loop, session waiting, 1 session(s) tonight, next allowed "
                + "2026-12-07T00:21:00Z, trial arm tonight sham\n"), text);
        assertTrue(StatusFile.problemIn(text, false).isEmpty());
    }

    @Test
    void aDeclaredContraindicationIsNamedWithThePolicyOff() {
        CuffTherapy t = new CuffTherapy(CuffTherapy.Policy.OFF, Set.of(CuffTherapy.Contraindication.SKIN_LESION,
                CuffTherapy.Contraindication.ACUTE_DVT), 29, 5, 60, 60, Optional.empty(), CuffTherapy.Trigger.SERIES, 4, 5,
                Optional.empty(), 60, 2);
        DaemonStatus s = status(TherapyStatus.configured(t));
        assertTrue(StatusFile.json(s).contains("\"therapy\": {\"policy\": \"off\", \"session\": \"off\", \"sessions_tonight\": 0, "
                + "\"next_allowed_utc\": null, \"contraindications\": [\"acute-dvt\", \"skin-lesion\"], \"trial_arm\": null}"),
                StatusFile.json(s));
        assertTrue(StatusFile.text(s).contains("therapy: policy off, session off, 0 session(s) tonight, next allowed none, "
                + "contraindication declared: acute-dvt, skin-lesion (no policy but off may run)\n"), StatusFile.text(s));
        assertEquals(TherapyStatus.NONE, DaemonStatus.CuffStatus.NOT_CONFIGURED.therapy());
    }
}
