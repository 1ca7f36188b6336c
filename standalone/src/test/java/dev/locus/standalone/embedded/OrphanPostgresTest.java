package dev.locus.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a SIGKILL of the local mode its PostgreSQL runs on, orphaned, with the killed run's outside workers still
 * connected, on the port the data directory keeps. The next start stops it and comes up by itself on that port: a
 * smart shutdown used to wait for those clients and the start gave up; and the port was checked before the orphan
 * was stopped, so a restart on the kept port failed as "already in use" (found by bench/crash-test.py).
 */
class OrphanPostgresTest {

    /** The run that gets killed: starts PostgreSQL on the directory, prints its JDBC URL, waits. */
    public static final class KilledRun {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), config(Integer.parseInt(args[1])));
            System.out.println("URL " + postgres.jdbcUrl());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** The local mode's settings on a port kept across restarts, as ports.properties keeps it. */
    static EmbeddedPostgres.Config config(int port) {
        EmbeddedPostgres.Config defaults = EmbeddedPostgres.Config.defaults();
        return new EmbeddedPostgres.Config(port, defaults.database(), defaults.username(), defaults.password());
    }

    @Test
    void anOrphanWithConnectedClientsIsStoppedAndTheDataKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        int port = Ports.free();
        Path log = dir.resolve("killed-run.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), KilledRun.class.getName(), data.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String url = null;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (url == null && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            url = Files.readAllLines(log).stream().filter(line -> line.startsWith("URL ")).map(line -> line.substring(4))
                    .findFirst().orElse(null);
        }
        assertThat(url).as("the run to be killed started PostgreSQL").isNotNull();
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        // an outside worker of that run, still connected when the run dies
        Connection worker = DriverManager.getConnection(url, "locus", "locus");
        try (Statement s = worker.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('before the crash')");
        }
        run.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        long started = System.nanoTime();
        // on the same port, which the orphan still holds until it is stopped
        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(data, config(port))) {
            System.out.printf("restart with an orphan and a connected client: %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(
                    java.util.Optional.of(true));
            try (Connection c = DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(),
                    restarted.password()); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select v from kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("before the crash");
            }
        } finally {
            worker.close();
        }
    }
}
