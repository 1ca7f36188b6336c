package dev.locus.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (zonky's binaries, run as a child process) whose cluster lives in
 * {@code dataDir} and is kept across restarts: initdb runs only when the directory is empty.
 *
 * <p>On each start the application role and database are created if missing, and the role's
 * password is set to the configured one. The cluster is initialised by zonky with {@code trust}
 * authentication on localhost: the password is what clients send, not a barrier. It is a local
 * development server, listening on the loopback interface only.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** Database and role names go into DDL unquoted: keep them plain identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * @param port     0 for a free one
     * @param database created if missing
     * @param username created if missing, owner of {@code database}
     * @param password set on every start
     */
    public record Config(int port, String database, String username, String password) {
        public Config {
            for (String name : new String[] {database, username}) {
                if (name == null || !IDENTIFIER.matcher(name).matches()) {
                    throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
                }
            }
            if (password == null) {
                throw new IllegalArgumentException("password must not be null");
            }
        }

        public static Config defaults() {
            return new Config(0, "locus", "locus", "locus");
        }

        /** Without the password: configs end up in logs. */
        @Override
        public String toString() {
            return "Config[port=" + port + ", database=" + database + ", username=" + username + "]";
        }
    }

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final Config config;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Config config) {
        this.postgres = postgres;
        this.config = config;
    }

    public static EmbeddedPostgres start(Path dataDir) {
        return start(dataDir, Config.defaults());
    }

    public static EmbeddedPostgres start(Path dataDir, Config config) {
        Path dir = dataDir.toAbsolutePath().normalize();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dir);
            // first: an orphan of a killed run may hold the very port this start is to use
            stopOrphan(dir);
            int port = Ports.freeOr(config.port(), "PostgreSQL");
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false) // keep the cluster: that is the point of a data dir
                    .setPort(port)
                    .setServerConfig("listen_addresses", "localhost")
                    // LocalServers closes it; a JVM hook of its own would race with that close.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dir, e);
        }
        try {
            ensureRoleAndDatabase(postgres, config);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(postgres, e);
            throw new IllegalStateException("Could not prepare database " + config.database(), e);
        }
        return new EmbeddedPostgres(postgres, config);
    }

    /**
     * A JVM killed before it closed its servers leaves its postmaster running on the data directory, and every later
     * start fails on the lock file. Such a server serves nobody that matters (its port died with the JVM's
     * configuration), but workers of the killed run may still be connected to it, and PostgreSQL's smart shutdown
     * (SIGTERM) waits for every client: after a SIGKILL of the local mode with outside workers attached, 3 of 3 starts
     * gave up. So it is stopped for sure: fast shutdown (SIGINT: clients are disconnected, a clean checkpoint is
     * written), then immediate shutdown (SIGQUIT: recovery replays the WAL on the next start), then SIGKILL of it and
     * its children.
     */
    static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return; // unreadable: let PostgreSQL judge the lock file
        }
        java.util.Optional<ProcessHandle> found = ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir.toString()))
                        .orElse(false));
        if (found.isEmpty()) {
            return;
        }
        ProcessHandle orphan = found.get();
        log.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid, dir);
        if (signalAndWait(orphan, "INT", FAST_SHUTDOWN) || signalAndWait(orphan, "QUIT", IMMEDIATE_SHUTDOWN)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) ignored fast and immediate shutdown: killing it", pid);
        orphan.descendants().forEach(ProcessHandle::destroyForcibly);
        orphan.destroyForcibly();
        if (!exited(orphan, IMMEDIATE_SHUTDOWN)) {
            throw new IOException("PostgreSQL (pid " + pid + ") still runs on " + dir + " after SIGKILL");
        }
    }

    private static final java.time.Duration FAST_SHUTDOWN = java.time.Duration.ofSeconds(20);
    private static final java.time.Duration IMMEDIATE_SHUTDOWN = java.time.Duration.ofSeconds(10);

    /** Sends {@code signal} (kill -s) and waits for the process to end; false when it did not. */
    private static boolean signalAndWait(ProcessHandle process, String signal, java.time.Duration wait) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return exited(process, wait);
    }

    private static boolean exited(ProcessHandle process, java.time.Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + config.database();
    }

    public String username() {
        return config.username();
    }

    public String password() {
        return config.password();
    }

    public int port() {
        return postgres.getPort();
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}); the data directory stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    private static void ensureRoleAndDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres,
            Config config) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            String role = config.username();
            String password = "'" + config.password().replace("'", "''") + "'";
            if (exists(c, "select 1 from pg_roles where rolname = ?", role)) {
                s.execute("alter role " + role + " with login password " + password);
            } else {
                s.execute("create role " + role + " with login password " + password);
            }
            // CREATE DATABASE cannot run in a transaction block, hence the check first.
            if (!exists(c, "select 1 from pg_database where datname = ?", config.database())) {
                s.execute("create database " + config.database() + " owner " + role);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void closeQuietly(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Exception cause) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
