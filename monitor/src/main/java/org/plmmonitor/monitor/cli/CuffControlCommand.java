package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.monitor.daemon.CuffControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code plm cuff stop}: end the running daemon's cuff therapy session now. */
@Command(name = "cuff", mixinStandardHelpOptions = true,
        description = {"Control the running daemon's compression cuff: 'stop' ends the therapy session now (the "
                + "daemon sends VENT) and starts no other that night (scheduled policy: that day).",
                "The daemon takes the request within a poll (about 50 ms); its store records the session's end."})
public final class CuffControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "stop", description = "What to do.")
    String what;
    @Mixin
    StoreLocation where = new StoreLocation();

    @Override
    public Integer call() throws Exception {
        if (!CuffControl.STOP.equalsIgnoreCase(what.trim())) {
            throw new ParameterException(spec.commandLine(), InputText.quote(what) + " is not stop");
        }
        Path d = where.existingDataDir();
        CuffControl.requestStop(d);
        PrintWriter out = spec.commandLine().getOut();
        out.println("asked the daemon to stop the cuff session (" + d.resolve(CuffControl.FILE) + ")");
        out.flush();
        return 0;
    }
}
