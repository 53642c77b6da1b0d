package org.plmmonitor.analysis.io;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.NightDetection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the detector over one CSV per leg: the offline entry to the same stages the daemon streams through. */
public final class AccelFiles {
    private AccelFiles() {
    }

    /** A leg's file as the user named it, and where it is. */
    public record LegFile(Leg leg, Path path, String name) {
    }

    /** What was read from each file, and what the detectors found. */
    public record Result(NightDetection detection, Map<Leg, Double> ratesHz, Map<Leg, AccelCsvReader.Summary> summaries) {
    }

    /**
     * Detects movements in each leg's file; with two files, each leg runs on its own thread
     * (the legs are independent until scoring merges them).
     *
     * @param files one or two files, distinct legs
     * @param cfg   detector parameters
     * @throws InputException naming the first bad file and line
     */
    public static Result detect(List<LegFile> files, DetectorConfig cfg) throws InputException {
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        for (LegFile f : files) {
            rates.put(f.leg(), AccelCsvReader.estimateRateHz(f.path(), f.name()));
        }
        NightDetection nd = new NightDetection(rates, cfg, null);
        Map<Leg, AccelCsvReader.Summary> summaries = new LinkedHashMap<>();
        if (files.size() == 1) {
            LegFile f = files.get(0);
            summaries.put(f.leg(), AccelCsvReader.read(f.path(), f.name(), nd.detector(f.leg())));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(files.size(), r -> {
                Thread t = new Thread(r, "plm-read");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<AccelCsvReader.Summary>> futures = new ArrayList<>();
                for (LegFile f : files) {
                    futures.add(pool.submit(() -> AccelCsvReader.read(f.path(), f.name(), nd.detector(f.leg()))));
                }
                for (int i = 0; i < files.size(); i++) {
                    summaries.put(files.get(i).leg(), await(futures.get(i)));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        nd.finish();
        return new Result(nd, rates, summaries);
    }

    private static AccelCsvReader.Summary await(Future<AccelCsvReader.Summary> f) throws InputException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputException ie) {
                throw ie;
            }
            throw new IllegalStateException("reading a leg's file failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }
}
