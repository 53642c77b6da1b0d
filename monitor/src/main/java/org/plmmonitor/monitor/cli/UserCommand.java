package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.monitor.store.StoreException;
import org.plmmonitor.monitor.store.WebUsers;
import org.plmmonitor.monitor.web.DaemonWeb;
import org.plmmonitor.monitor.web.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code plm user set NAME --password-stdin}: the web interface's logins. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the web interface's logins (there is no default password).",
        subcommands = {UserCommand.Set.class, UserCommand.Delete.class})
public final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: set or delete");
    }

    /** {@code plm user set NAME --password-stdin [--config FILE | --dir DIR]}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store (or replace) a web login: the password is read from standard input (one line, at least "
                    + PasswordRules.MIN_LENGTH + " characters) and kept only as a salted Argon2id hash in the store (plm.db).",
                    "Exit status: 0 stored, 2 bad input."})
    public static final class Set implements Callable<Integer> {
        /** Longest password line read, bytes. */
        static final int MAX_BYTES = 1024;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "The login name: 1-32 letters, digits, '.', '_' or '-'.")
        String name;
        @Option(names = "--password-stdin", description = "Read the password from standard input (required: never on the command line).")
        boolean passwordStdin;
        @Mixin
        StoreLocation where = new StoreLocation();

        @Override
        public Integer call() throws Exception {
            checkName(spec, name);
            if (!passwordStdin) {
                throw new ParameterException(spec.commandLine(), "give --password-stdin and type the password on standard "
                        + "input (a password on the command line would be seen by other users and kept in shell history)");
            }
            Path db = where.db();
            char[] password = readLine(System.in);
            try {
                PasswordRules.check(password);
                String hash = new PasswordHasher(PasswordHasher.Cost.PI_ZERO, new SecureRandom()).hash(password);
                new WebUsers(db).set(name, hash, Clock.systemUTC());
            } catch (StoreException e) {
                throw new InputException(db.toString(), 0, e.getMessage(), e);
            } finally {
                Arrays.fill(password, '\0');
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("web user '" + name + "' stored in " + db + " (Argon2id hash); a running web checks it from the next "
                    + "login, and the daemon's web waiting for its first user starts within " + DaemonWeb.USER_CHECK.toSeconds() + " s");
            o.flush();
            return 0;
        }

        /** @return the first line of the stream (without its line end), decoded as UTF-8 */
        static char[] readLine(InputStream in) throws InputException {
            byte[] b;
            try {
                b = in.readNBytes(MAX_BYTES + 1);
            } catch (IOException e) {
                throw new InputException("standard input", 0, "cannot read the password: " + e.getMessage(), e);
            }
            int end = 0;
            while (end < b.length && b[end] != '\n' && b[end] != '\r') {
                end++;
            }
            if (end > MAX_BYTES) {
                Arrays.fill(b, (byte) 0);
                throw new InputException("standard input", 1, "the password line is longer than " + MAX_BYTES + " bytes");
            }
            try {
                CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, end));
                char[] out = new char[c.remaining()];
                c.get(out);
                Arrays.fill(c.array(), '\0');
                return out;
            } catch (CharacterCodingException e) {
                throw new InputException("standard input", 1, "the password is not UTF-8 text", e);
            } finally {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    /** {@code plm user delete NAME [--config FILE | --dir DIR]}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Remove a web login: its next login is refused, also by a web that is running, and its "
                    + "sessions already open end within a minute.", "Exit status: 0 removed, 2 bad input (name, no such user, no store)."})
    public static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "The login name.")
        String name;
        @Mixin
        StoreLocation where = new StoreLocation();

        @Override
        public Integer call() throws Exception {
            checkName(spec, name);
            Path db = where.existingDb();
            boolean removed;
            try {
                removed = new WebUsers(db).delete(name);
            } catch (StoreException e) {
                throw new InputException(db.toString(), 0, e.getMessage(), e);
            }
            if (!removed) {
                throw new InputException(db.toString(), 0, "no web user '" + name + "' to delete");
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("web user '" + name + "' deleted from " + db + "; its next login is refused");
            o.flush();
            return 0;
        }
    }

    private static void checkName(CommandSpec spec, String name) {
        if (!WebUsers.NAME.matcher(name).matches()) {
            throw new ParameterException(spec.commandLine(), "NAME " + InputText.quote(name)
                    + " is not 1-32 letters, digits, '.', '_' or '-'");
        }
    }

    /** What a password must be. */
    static final class PasswordRules {
        /** Fewest characters. */
        static final int MIN_LENGTH = 10;

        private PasswordRules() {
        }

        static void check(char[] password) throws InputException {
            if (password.length == 0) {
                throw new InputException("standard input", 1, "no password: type it on standard input, e.g. "
                        + "'plm user set NAME --password-stdin' and then the password and Enter");
            }
            int cps = Character.codePointCount(password, 0, password.length);
            if (cps < MIN_LENGTH) {
                throw new InputException("standard input", 1, "the password has " + cps + " characters; at least "
                        + MIN_LENGTH + " are needed");
            }
        }
    }
}
