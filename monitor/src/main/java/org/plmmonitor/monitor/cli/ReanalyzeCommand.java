package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.pipeline.VersionedDetector;
import org.plmmonitor.monitor.daemon.NightReanalysis;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightIds;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code plm reanalyze --night DATE}: a stored, closed night analysed again from its raw signal by this build's
 * detector, stored beside its earlier analyses (docs/storage.md). Not forwarded to InfluxDB.
 */
@Command(name = "reanalyze", mixinStandardHelpOptions = true,
        description = {"Re-run a stored, closed night from its raw signal with the current detector and keep the analysis "
                + "beside the old one (never over it): <data dir>/nights/DATE.<version>.json and the store. plm report "
                + "then shows the newest and names the others. Not forwarded to InfluxDB.",
                "Exit status: 0 re-analysed, 2 bad input (unknown or open night, no raw signal left, already analysed by "
                        + "this detector, no store)."})
public final class ReanalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StoreLocation where = new StoreLocation();
    @Option(names = "--night", paramLabel = "DATE", required = true, description = "The night, by the local date of its evening (yyyy-MM-dd).")
    String night;

    @Override
    public Integer call() throws Exception {
        try {
            NightIds.requireValid(night);
        } catch (IllegalArgumentException e) {
            throw new InputException("--night", 0, e.getMessage(), e);
        }
        // With --config, the store's own settings (its retention above all); with --dir none are known, so nothing
        // is deleted by retention while this command holds the store open.
        Path db = where.existingDb();
        StoreConfig cfg = where.settings().map(c -> c.store().withForwarding(false)).orElseGet(() -> StoreConfig.forReading(db));
        NightReanalysis.Result r;
        try (LocalStore store = LocalStore.open(db, cfg, Clock.systemUTC())) {
            r = NightReanalysis.run(store, cfg.dataDir(), night, VersionedDetector.current());
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot use the store: " + e.getMessage(), e);
        }
        var in = r.analysis().metrics().analysable();
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format(Locale.ROOT, "night %s re-analysed by %s from its stored raw signal: %d movements, %d periodic; "
                        + "beside %s; report %s", r.nightId(), r.detectorVersion(), in.lm(), in.plm(),
                String.join(", ", r.others()), r.report()));
        o.flush();
        return 0;
    }
}
