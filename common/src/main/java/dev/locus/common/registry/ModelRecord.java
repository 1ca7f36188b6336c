package dev.locus.common.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model registered from a configured folder: what clients choose from, and what directions belong to. */
@Entity
@Table(name = "models")
public class ModelRecord {

    @Id
    private String id;

    private String name;
    private String fingerprint;

    @Column(name = "model_class")
    private String modelClass;

    @Column(name = "sample_size")
    private int sampleSize;

    @Column(name = "in_channels")
    private int inChannels;

    @Column(name = "config_summary")
    private String configSummary;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected ModelRecord() {}

    public ModelRecord(String id, String name, String fingerprint, String modelClass, int sampleSize, int inChannels,
                       String configSummary, Instant registeredAt) {
        this.id = id;
        this.name = name;
        this.fingerprint = fingerprint;
        this.modelClass = modelClass;
        this.sampleSize = sampleSize;
        this.inChannels = inChannels;
        this.configSummary = configSummary;
        this.registeredAt = registeredAt;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getFingerprint() { return fingerprint; }
    public String getModelClass() { return modelClass; }
    public int getSampleSize() { return sampleSize; }
    public int getInChannels() { return inChannels; }
    public String getConfigSummary() { return configSummary; }
    public Instant getRegisteredAt() { return registeredAt; }
    public Instant getRetiredAt() { return retiredAt; }

    public boolean isRetired() {
        return retiredAt != null;
    }

    /** No longer served: new jobs for it are refused; what was made with it stays readable. */
    public void retire(Instant at) {
        this.retiredAt = at;
    }
}
