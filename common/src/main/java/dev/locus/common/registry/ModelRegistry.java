package dev.locus.common.registry;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code models} rows, written from two sides: a gateway registers what its catalog lists from each folder's
 * config (no libtorch), and a worker, once it has loaded a model, records its fingerprint and configuration. Until a
 * worker has, a model's fingerprint is null; jobs for it are still accepted, and the worker checks what it loads.
 */
@Component
public class ModelRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ModelRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A gateway's registration: the row's class, resolution and channels; a retired model listed again returns. */
    @Transactional
    public void registerFromConfig(String id, String modelClass, int sampleSize, int inChannels) {
        jdbc.sql("""
                insert into models (id, name, fingerprint, model_class, sample_size, in_channels, config_summary,
                                    registered_at)
                values (:id, :id, null, :modelClass, :sampleSize, :inChannels, null, :now)
                on conflict (id) do update set model_class = excluded.model_class, sample_size = excluded.sample_size,
                                               in_channels = excluded.in_channels, retired_at = null""")
                .param("id", id).param("modelClass", modelClass).param("sampleSize", sampleSize)
                .param("inChannels", inChannels).param("now", Timestamp.from(clock.instant())).update();
    }

    /** A worker's registration of the model it loaded: its fingerprint and configuration. */
    @Transactional
    public void recordLoaded(String id, String fingerprint, String modelClass, int sampleSize, int inChannels,
                             String configSummary) {
        jdbc.sql("""
                insert into models (id, name, fingerprint, model_class, sample_size, in_channels, config_summary,
                                    registered_at)
                values (:id, :id, :fingerprint, :modelClass, :sampleSize, :inChannels, :summary, :now)
                on conflict (id) do update set fingerprint = excluded.fingerprint,
                                               config_summary = excluded.config_summary""")
                .param("id", id).param("fingerprint", fingerprint).param("modelClass", modelClass)
                .param("sampleSize", sampleSize).param("inChannels", inChannels).param("summary", configSummary)
                .param("now", Timestamp.from(clock.instant())).update();
    }
}
