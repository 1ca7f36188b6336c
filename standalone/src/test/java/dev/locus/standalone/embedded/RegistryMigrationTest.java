package dev.locus.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's migrations on rows a running Locus already stored: V4 turns the schedule text of every direction
 * version into typed columns, and refuses to run (naming the text) on a schedule it cannot read rather than guess.
 */
class RegistryMigrationTest {

    @Test
    void storedScheduleTextsBecomeTypedColumns(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"));
             Connection db = connect(postgres)) {
            flyway(postgres, "3").migrate();
            insertVersion(db, "eyes", 1, "LOCO", "x_t", "ddim/leading/50/eta=0.0");
            insertVersion(db, "eyes", 2, "LOCO_NO_NULL_SPACE", "x_t", "ddim/trailing/20/eta=0.5");
            insertVersion(db, "mouth", 1, "JIVE", "h", "loco/100");
            insertVersion(db, "hair", 1, "LOCO", "x_t", "loco/100/quality-boost");

            flyway(postgres, null).migrate();

            List<String> rows = new ArrayList<>();
            try (Statement s = db.createStatement();
                 ResultSet r = s.executeQuery("select name, version, schedule_kind, schedule_steps, schedule_spacing, "
                         + "schedule_eta, schedule_quality_boost from direction_versions order by name, version")) {
                while (r.next()) {
                    rows.add(r.getString(1) + "@" + r.getInt(2) + " " + r.getString(3) + " " + r.getInt(4) + " "
                            + r.getString(5) + " " + r.getDouble(6) + " " + r.getBoolean(7));
                }
            }
            assertThat(rows).containsExactly(
                    "eyes@1 DDIM 50 LEADING 0.0 false",
                    "eyes@2 DDIM 20 TRAILING 0.5 false",
                    "hair@1 LOCO_GRID 100 null 0.0 true",
                    "mouth@1 LOCO_GRID 100 null 0.0 false");
        }
    }

    @Test
    void aScheduleTheMigrationCannotReadStopsItWithTheText(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"));
             Connection db = connect(postgres)) {
            flyway(postgres, "3").migrate();
            insertVersion(db, "eyes", 1, "LOCO", "x_t", "ddim/leading/50/eta=0.0");
            insertVersion(db, "odd", 1, "LOCO", "x_t", "euler/30");

            assertThatThrownBy(() -> flyway(postgres, null).migrate()).hasStackTraceContaining("euler/30");
        }
    }

    private static Flyway flyway(EmbeddedPostgres postgres, String target) {
        var config = Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static Connection connect(EmbeddedPostgres postgres) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    /** A direction version as the services stored it before V4, with the rows it refers to. */
    private static void insertVersion(Connection db, String name, int version, String method, String space,
                                      String schedule) throws Exception {
        String image = "a".repeat(64);
        UUID job = UUID.randomUUID();
        try (Statement s = db.createStatement()) {
            s.execute("insert into models values ('faces', 'faces', 'sha256:ab', 'UNet2DModel', 32, 3, '{}', now()) "
                    + "on conflict do nothing");
            s.execute("insert into images values ('" + image + "', 'image/png', 32, 32, 100, now()) on conflict do nothing");
            s.execute("insert into jobs (id, type, state, model_id, request, result, created_at, updated_at) values ('"
                    + job + "', 'DISCOVERY', 'SUCCEEDED', 'faces', '{}', '{}', now(), now())");
            s.execute("insert into direction_names values ('" + name + "', " + version + ") "
                    + "on conflict (name) do update set last_version = excluded.last_version");
            s.execute("insert into direction_versions (id, name, version, job_id, model_id, model_fingerprint, method, "
                    + "space, parameters, timestep, schedule, mask_hash, source_image_id, seed, code_version, "
                    + "basis_sha256, basis_bytes, singular_values, labels, timings, created_at) values ('"
                    + UUID.randomUUID() + "', '" + name + "', " + version + ", '" + job + "', 'faces', 'sha256:ab', '"
                    + method + "', '" + space + "', '{}', 0.6, '" + schedule + "', 'm', '" + image + "', 0, 'test', '"
                    + "b".repeat(64) + "', 10, '[1.0]', '[\"roi/0\"]', '{}', now())");
        }
    }
}
