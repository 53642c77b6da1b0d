package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.CuffConfig;

import java.util.Optional;

/**
 * Opens the compression-cuff controller's link for a run. The daemon's seam for the controller, as
 * {@link FeedOpener} is for the sensors: a test hands in its own in-process controller and drives it from
 * the device side.
 */
@FunctionalInterface
interface CuffLinkOpener {
    /** The configured link: a serial device (shared with the sensor board on it), or the in-process simulator. */
    CuffLinkOpener CONFIGURED = (cfg, shared) -> {
        if (cfg.link() == CuffConfig.Link.SIMULATOR) {
            return CuffLink.inProcess(CuffLink::simulatedController);
        }
        String path = cfg.path().orElseThrow().toString();
        return shared.map(b -> CuffLink.sharedWith(path, b)).orElseGet(() -> CuffLink.serial(path, cfg.baud()));
    };

    /**
     * @param cfg    the cuff's config
     * @param shared the serial sensor board on the cuff's device, if a sensor uses it (its session is shared)
     * @return the link, not started
     */
    CuffLink open(CuffConfig cfg, Optional<SerialBoard> shared);
}
