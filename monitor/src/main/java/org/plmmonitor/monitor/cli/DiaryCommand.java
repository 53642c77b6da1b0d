package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.diary.DiaryCsv;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.store.DiaryRevision;
import org.plmmonitor.monitor.store.DiarySave;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code plm diary}: the evening diary and the iron blood tests from the command line, for people who keep
 * a spreadsheet (docs/contracts.md, "The evening diary"). Ferritin results live here too: they are part of
 * what a person writes down beside the nights, in the same store.
 */
@Command(name = "diary", mixinStandardHelpOptions = true,
        description = "The evening diary and ferritin/TSAT results: import a spreadsheet's CSV, export it, record a blood test.",
        subcommands = {DiaryCommand.Import.class, DiaryCommand.Export.class, DiaryCommand.Lab.class})
public final class DiaryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: import, export or lab");
    }

    /**
     * @return the store file; its data directory must exist (a mistyped one would start a new store)
     */
    static Path db(StoreLocation where) throws InputException, ConfigException {
        where.existingDataDir();
        return where.db();
    }

    static DiaryStore open(Path db) throws InputException {
        try {
            return DiaryStore.open(db, Clock.systemUTC());
        } catch (StoreException e) {
            throw new InputException(db.toString(), 0, "cannot open the store: " + e.getMessage(), e);
        }
    }

    /** {@code plm diary import FILE.csv}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read a diary or lab CSV (columns in docs/contracts.md) into the store: every row is checked "
                    + "first, then all are stored in one transaction; a bad row is named by line and column and nothing "
                    + "is stored. An evening whose night was analysed already is amended beside the original."})
    static final class Import implements Callable<Integer> {
        /** Larger than years of daily rows: a bigger file is not a diary. */
        static final long MAX_BYTES = 10L << 20;
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StoreLocation where = new StoreLocation();
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            Path db = db(where);
            DiaryCsv.Contents rows = DiaryCsv.read(file.toString(), text(file));
            PrintWriter o = spec.commandLine().getOut();
            try (DiaryStore diary = open(db)) {
                if (rows instanceof DiaryCsv.Diary d) {
                    Map<DiarySave, Integer> n = new EnumMap<>(DiarySave.class);
                    for (DiarySave s : diary.saveAll(d.entries())) {
                        n.merge(s, 1, Integer::sum);
                    }
                    o.printf("imported %s: %d evenings (%d new, %d replaced, %d amended beside the original as their nights "
                                    + "were analysed already, %d unchanged) into %s%n", file, d.size(),
                            n.getOrDefault(DiarySave.CREATED, 0), n.getOrDefault(DiarySave.REPLACED, 0),
                            n.getOrDefault(DiarySave.AMENDED, 0), n.getOrDefault(DiarySave.UNCHANGED, 0), db);
                } else {
                    diary.saveLabs(((DiaryCsv.Lab) rows).results());
                    o.printf("imported %s: %d lab results into %s%n", file, rows.size(), db);
                }
            } catch (StoreException e) {
                throw new InputException(db.toString(), 0, "nothing of " + file + " was stored: " + e.getMessage(), e);
            }
            o.flush();
            return 0;
        }

        private static String text(Path file) throws InputException {
            byte[] bytes;
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new InputException(file.toString(), 0, "larger than 10 MiB: not a diary file");
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new InputException(file.toString(), 0, "no such file", e);
            } catch (IOException e) {
                throw new InputException(file.toString(), 0, "cannot read: " + IoErrors.reason(e), e);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new InputException(file.toString(), InputText.firstNonUtf8Line(file),
                        "not UTF-8 text (save the spreadsheet as CSV UTF-8)", e);
            }
        }
    }

    /** {@code plm diary export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the diary (the latest revision of each evening) or, with --lab, the blood tests as CSV that "
                    + "plm diary import reads back to the same entries.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StoreLocation where = new StoreLocation();
        @Option(names = "--lab", description = "Export the ferritin/TSAT results instead of the diary.")
        boolean lab;
        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path db = db(where);
            OutputFiles.refuseInputs("--out", out, where.inputs());
            where.existingDb();
            String csv;
            try (DiaryStore diary = open(db)) {
                csv = lab ? DiaryCsv.writeLab(diary.labResults())
                        : DiaryCsv.writeDiary(diary.entries().stream().map(DiaryRevision::entry).toList());
            }
            if (out == null || OutputFiles.isStdout(out)) {
                PrintWriter o = spec.commandLine().getOut();
                o.print(csv);
                o.flush();
            } else {
                byte[] b = csv.getBytes(StandardCharsets.UTF_8);
                OutputFiles.write("--out", out, os -> os.write(b));
            }
            return 0;
        }
    }

    /** {@code plm diary lab}. */
    @Command(name = "lab", mixinStandardHelpOptions = true,
            description = "Record one blood test: ferritin (ng/mL) and/or transferrin saturation (%%); a test of the same date is replaced.")
    static final class Lab implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StoreLocation where = new StoreLocation();
        @Option(names = "--date", required = true, paramLabel = "DATE", description = "The day the blood was taken (yyyy-MM-dd).")
        String date;
        @Option(names = "--ferritin", paramLabel = "NG_ML", description = "Serum ferritin, ng/mL, 0-5000.")
        Double ferritin;
        @Option(names = "--tsat", paramLabel = "PCT", description = "Transferrin saturation, %%, 0-100.")
        Double tsat;

        @Override
        public Integer call() throws Exception {
            LocalDate d;
            try {
                d = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new InputException("--date", 0, InputText.quote(date) + " is not a date yyyy-MM-dd", e);
            }
            LabResult r;
            try {
                r = new LabResult(d, ferritin, tsat);
            } catch (IllegalArgumentException e) {
                throw new InputException("--ferritin/--tsat", 0, e.getMessage(), e);
            }
            Path db = db(where);
            try (DiaryStore diary = open(db)) {
                diary.saveLab(r);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("recorded the blood test of " + d + " in " + db);
            o.flush();
            return 0;
        }
    }
}
