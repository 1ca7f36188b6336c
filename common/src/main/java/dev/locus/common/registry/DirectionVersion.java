package dev.locus.common.registry;

import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One immutable version of a named direction basis: where its tensors are, and the provenance
 * that reproduces it. Only the description and tags change after registration.
 */
@Entity
@Table(name = "direction_versions")
public class DirectionVersion {

    @Id
    private UUID id;

    private String name;
    private int version;

    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "model_id")
    private String modelId;

    @Column(name = "model_fingerprint")
    private String modelFingerprint;

    @Enumerated(EnumType.STRING)
    private Method method;

    /** Kept beside the method, which implies it, so that SQL over the registry can read it. */
    @Convert(converter = DirectionSpaceColumn.class)
    private DirectionSpace space;
    private String parameters;
    /** t_edit, a fraction of the trajectory (the request's {@code timestep}) */
    @Column(name = "timestep")
    private double tEdit;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_kind")
    private Schedule.Kind scheduleKind;

    @Column(name = "schedule_steps")
    private int scheduleSteps;

    @Enumerated(EnumType.STRING)
    @Column(name = "schedule_spacing")
    private Schedule.Spacing scheduleSpacing;

    @Column(name = "schedule_eta")
    private double scheduleEta;

    @Column(name = "schedule_quality_boost")
    private boolean scheduleQualityBoost;

    @Column(name = "mask_hash")
    private String maskHash;

    @Column(name = "source_image_id")
    private String sourceImageId;

    private long seed;

    @Column(name = "code_version")
    private String codeVersion;

    @Column(name = "basis_sha256")
    private String basisSha256;

    @Column(name = "basis_bytes")
    private long basisBytes;

    @Column(name = "preview_sha256")
    private String previewSha256;

    @Column(name = "preview_strength")
    private Double previewStrength;

    @Column(name = "singular_values")
    private String singularValues;

    private String labels;
    private String timings;
    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "direction_tags", joinColumns = @JoinColumn(name = "direction_version_id"))
    @Column(name = "tag")
    private Set<String> tags = new TreeSet<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected DirectionVersion() {}

    /** Everything but the version number, which {@link DirectionRegistry} assigns. */
    public record Draft(String name, UUID jobId, String modelId, String modelFingerprint, Method method,
                        String parameters, double tEdit, Schedule schedule, String maskHash, String sourceImageId,
                        long seed, String codeVersion, String basisSha256, long basisBytes, String previewSha256,
                        Double previewStrength, String singularValues, String labels, String timings,
                        String description, Set<String> tags) {}

    static DirectionVersion of(Draft draft, int version, Instant now) {
        DirectionVersion v = new DirectionVersion();
        v.id = UUID.randomUUID();
        v.name = draft.name();
        v.version = version;
        v.jobId = draft.jobId();
        v.modelId = draft.modelId();
        v.modelFingerprint = draft.modelFingerprint();
        v.method = draft.method();
        v.space = draft.method().space();
        v.parameters = draft.parameters();
        v.tEdit = draft.tEdit();
        v.scheduleKind = draft.schedule().kind();
        v.scheduleSteps = draft.schedule().steps();
        v.scheduleSpacing = draft.schedule().spacing();
        v.scheduleEta = draft.schedule().eta();
        v.scheduleQualityBoost = draft.schedule().qualityBoost();
        v.maskHash = draft.maskHash();
        v.sourceImageId = draft.sourceImageId();
        v.seed = draft.seed();
        v.codeVersion = draft.codeVersion();
        v.basisSha256 = draft.basisSha256();
        v.basisBytes = draft.basisBytes();
        v.previewSha256 = draft.previewSha256();
        v.previewStrength = draft.previewStrength();
        v.singularValues = draft.singularValues();
        v.labels = draft.labels();
        v.timings = draft.timings();
        v.description = draft.description();
        v.tags = new TreeSet<>(draft.tags());
        v.createdAt = now;
        return v;
    }

    public String ref() {
        return name + "@" + version;
    }

    public static String basisKey(String sha256) {
        return "bases/" + sha256 + ".safetensors";
    }

    public static String previewKey(String sha256) {
        return "previews/" + sha256 + ".png";
    }

    public void describe(String description) {
        this.description = description;
    }

    public void retag(Set<String> tags) {
        this.tags.clear();
        this.tags.addAll(tags);
    }

    public void delete(Instant now) {
        deletedAt = now;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public int getVersion() { return version; }
    public UUID getJobId() { return jobId; }
    public String getModelId() { return modelId; }
    public String getModelFingerprint() { return modelFingerprint; }
    public Method getMethod() { return method; }
    public DirectionSpace getSpace() { return space; }
    public String getParameters() { return parameters; }
    public double getTEdit() { return tEdit; }
    public Schedule getSchedule() {
        return new Schedule(scheduleKind, scheduleSteps, scheduleSpacing, scheduleEta, scheduleQualityBoost);
    }
    public String getMaskHash() { return maskHash; }
    public String getSourceImageId() { return sourceImageId; }
    public long getSeed() { return seed; }
    public String getCodeVersion() { return codeVersion; }
    public String getBasisSha256() { return basisSha256; }
    public long getBasisBytes() { return basisBytes; }
    public String getPreviewSha256() { return previewSha256; }
    public Double getPreviewStrength() { return previewStrength; }
    public String getSingularValues() { return singularValues; }
    public String getLabels() { return labels; }
    public String getTimings() { return timings; }
    public String getDescription() { return description; }
    public Set<String> getTags() { return tags; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getDeletedAt() { return deletedAt; }
}
