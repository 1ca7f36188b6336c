package dev.locus.gateway.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code idempotency_keys}, through plain JDBC in the caller's transaction. */
@Repository
public class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<StoredKey> find(String scope, String key) {
        return jdbc.sql("select scope, key, request_hash, resource_id from idempotency_keys where scope = ? and key = ?")
                .params(scope, key)
                .query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3).trim(), rs.getString(4)))
                .optional();
    }

    /**
     * Records that {@code request} creates {@code resourceId}. When a concurrent transaction holds
     * the same key, PostgreSQL waits for it to end.
     *
     * @return false when the key was already taken (look it up with {@link #find})
     */
    public boolean claim(IdempotentRequest request, String resourceId) {
        int rows = jdbc.sql("insert into idempotency_keys (scope, key, request_hash, resource_id, created_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (scope, key) do nothing")
                .params(request.scope(), request.key(), request.fingerprint(), resourceId, Timestamp.from(clock.instant()))
                .update();
        return rows == 1;
    }
}
