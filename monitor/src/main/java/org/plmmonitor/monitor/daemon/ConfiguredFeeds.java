package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.i2c.I2cBus;
import org.plmmonitor.bridge.i2c.I2cException;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.ConfigProblem;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The sources the config file can name: simulator (both simulated legs share one two-ankle night),
 * replay, I2C accelerometers (one bus opened per bus number) and serial boards (one session per device
 * path, shared by the legs it carries).
 */
final class ConfiguredFeeds implements FeedOpener {
    private static final System.Logger LOG = System.getLogger(ConfiguredFeeds.class.getName());
    private final IntFunction<I2cBus> busOpener;
    private final LongSupplier nanos;
    private final SyntheticNight sim;
    private final Map<Integer, I2cBus> buses = new HashMap<>();
    private final Map<String, SerialBoard> boards = new HashMap<>();

    ConfiguredFeeds(MonitorConfig cfg, DaemonOptions opt, IntFunction<I2cBus> busOpener, LongSupplier nanos) {
        this.busOpener = busOpener;
        this.nanos = nanos;
        this.sim = MonitorDaemon.simulatorSpec(cfg, opt).map(SyntheticNight::generate).orElse(null);
    }

    @Override
    public SampleFeed open(Leg leg, SensorConfig sensor, SampleSink sink) throws ConfigException, InputException {
        String key = "sensor." + leg.jsonName() + ".type";
        if (sensor instanceof SensorConfig.Simulator) {
            Leg simLeg = sim.legs().contains(leg) ? leg : Leg.LEFT;
            return new SimulatorFeed(leg, "seed " + sim.spec().seed() + " " + leg.jsonName(), sim.source(simLeg), sink);
        }
        if (sensor instanceof SensorConfig.Replay r) {
            return new ReplayFeed(leg, r.file(), sink);
        }
        if (sensor instanceof SensorConfig.I2c i) {
            try {
                I2cBus bus = buses.get(i.bus());
                if (bus == null) {
                    bus = busOpener.apply(i.bus());
                    buses.put(i.bus(), bus);
                }
                return new I2cFeed(leg, i, bus, sink, nanos);
            } catch (I2cException | RuntimeException e) {
                throw new ConfigException(new ConfigProblem("config", 0, key,
                        "cannot open the " + i.typeName() + " sensor on /dev/i2c-" + i.bus() + ": " + e.getMessage()), e);
            }
        }
        if (sensor instanceof SensorConfig.Serial s) {
            SerialBoard board = boards.get(s.path().toString());
            if (board == null) {
                if (!Files.exists(s.path())) {
                    // Not an error: a USB board may be plugged in later, and the session keeps reopening it.
                    LOG.log(System.Logger.Level.WARNING, "sensor." + leg.jsonName() + ".path: serial device " + s.path()
                            + " does not exist; the daemon keeps retrying to open it (status shows the link disconnected)");
                }
                SerialPathCheck.problem(s.path()).ifPresent(why -> LOG.log(System.Logger.Level.WARNING, "sensor."
                        + leg.jsonName() + ".path: serial device " + s.path() + " cannot be opened: " + why
                        + "; the daemon keeps retrying to open it (status shows the link disconnected)"));
                board = new SerialBoard(s.path().toString(), s.baud(), nanos);
                boards.put(s.path().toString(), board);
            }
            return new SerialFeed(leg, board, sink);
        }
        throw new ConfigException(List.of(new ConfigProblem("config", 0, key, "'" + sensor.typeName()
                + "' is not supported by plm monitor; supported: i2c-adxl345, i2c-lis3dh, serial, simulator, replay")));
    }

    @Override
    public Optional<SerialBoard> serialBoard(String path) {
        return Optional.ofNullable(boards.get(path));
    }

    @Override
    public void close() {
        boards.values().forEach(SerialBoard::close);
        for (I2cBus b : buses.values()) {
            try {
                b.close();
            } catch (Exception e) {
                System.getLogger(ConfiguredFeeds.class.getName()).log(System.Logger.Level.WARNING,
                        "closing I2C bus failed: " + e.getMessage());
            }
        }
    }
}
