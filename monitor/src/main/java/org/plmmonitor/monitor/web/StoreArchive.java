package org.plmmonitor.monitor.web;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link NightArchive} over an open {@link LocalStore} (the daemon's own, or one {@code plm web} opened)
 * and its data directory.
 */
public final class StoreArchive implements NightArchive {
    private final LocalStore store;
    private final Path dataDir;
    private final Supplier<Optional<String>> recording;

    /**
     * @param store     the open store
     * @param dataDir   the folder holding {@code nights/}
     * @param recording the night the daemon is recording now, if any (deleting waits until it is closed);
     *                  {@code Optional::empty} where no daemon writes (plm web on a copied store)
     */
    public StoreArchive(LocalStore store, Path dataDir, Supplier<Optional<String>> recording) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.recording = Objects.requireNonNull(recording, "recording");
    }

    @Override
    public List<NightRecord> nights() {
        return store.nights();
    }

    @Override
    public NightView view(String nightId) throws InputException {
        return StoredNightReport.load(store, dataDir, nightId);
    }

    @Override
    public Optional<String> eraseRefusal() {
        return recording.get().map(n -> "the night of " + n + " is being recorded now: end it first (plm night end), "
                + "or delete after it closes in the morning");
    }

    @Override
    public Erased eraseAll() {
        int nights = (int) store.nights().stream().map(NightRecord::nightId).distinct().count();
        store.deleteAll();
        Path dir = dataDir.resolve("nights");
        int files = 0;
        try (var list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f)) {
                    Files.delete(f);
                    files++;
                }
            }
        } catch (NoSuchFileException e) {
            // no nights folder: nothing was ever closed here
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the files of " + dir + " stopped after " + files + ": "
                    + IoErrors.reason(e), e);
        }
        return new Erased(nights, files);
    }
}
