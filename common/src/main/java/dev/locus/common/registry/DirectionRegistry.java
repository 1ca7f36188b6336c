package dev.locus.common.registry;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers direction versions (one per discovery job, numbered per name) and resolves references. */
@Service
public class DirectionRegistry {

    private final DirectionVersionRepository versions;
    private final DirectionAliasRepository aliases;
    private final Clock clock;

    public DirectionRegistry(DirectionVersionRepository versions, DirectionAliasRepository aliases, Clock clock) {
        this.versions = versions;
        this.aliases = aliases;
        this.clock = clock;
    }

    /**
     * The version that {@code draft}'s job registered, creating it on the first call. A redelivered
     * job gets its earlier version back; two concurrent attempts collide on the unique job id and
     * the loser's transaction rolls back, version counter included.
     */
    @Transactional
    public DirectionVersion register(DirectionVersion.Draft draft) {
        Optional<DirectionVersion> existing = versions.findByJobId(draft.jobId());
        if (existing.isPresent()) {
            return existing.get();
        }
        int version = versions.takeNextVersion(draft.name());
        return versions.saveAndFlush(DirectionVersion.of(draft, version, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Optional<DirectionVersion> forJob(UUID jobId) {
        return versions.findByJobId(jobId);
    }

    /** @throws DirectionNotFoundException naming the reference */
    @Transactional(readOnly = true)
    public DirectionVersion resolve(String reference) {
        DirectionRef ref = DirectionRef.parse(reference);
        Optional<DirectionVersion> found;
        if (ref instanceof DirectionRef.ById byId) {
            found = versions.findById(byId.id());
        } else if (ref instanceof DirectionRef.ByVersion byVersion) {
            found = versions.findByNameAndVersion(byVersion.name(), byVersion.version());
        } else if (ref instanceof DirectionRef.ByAlias byAlias) {
            found = aliases.findById(new DirectionAlias.Key(byAlias.name(), byAlias.alias()))
                    .flatMap(alias -> versions.findByNameAndVersion(alias.getName(), alias.getVersion()));
        } else {
            found = versions.findByNameOrderByVersion(((DirectionRef.Latest) ref).name()).stream()
                    .filter(v -> !v.isDeleted()).max(Comparator.comparingInt(DirectionVersion::getVersion));
        }
        return found.filter(v -> !v.isDeleted())
                .orElseThrow(() -> new DirectionNotFoundException("no direction " + reference));
    }

    @Transactional(readOnly = true)
    public List<DirectionVersion> versionsOf(String name) {
        return versions.findByNameOrderByVersion(name).stream().filter(v -> !v.isDeleted()).toList();
    }
}
