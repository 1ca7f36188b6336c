package dev.locus.worker.edit;

import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.registry.DirectionVersionRepository;
import dev.locus.common.storage.BlobStore;
import dev.locus.common.storage.ObjectNotFoundException;
import dev.locus.engine.methods.DirectionBasis;
import dev.locus.worker.runtime.BadJobException;
import dev.locus.worker.runtime.BasisBytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Direction bases in memory, most recently used first. Versions are immutable, so an entry never
 * goes stale; the bound keeps the native memory of a long-running worker in check. The cache owns
 * its tensors: call it outside any {@link org.bytedeco.javacpp.PointerScope}, or the scope would
 * free them when it closes.
 */
@Component
public class DirectionCache {

    private static final int CAPACITY = 64;

    private final DirectionVersionRepository versions;
    private final BlobStore blobs;
    private final Map<UUID, DirectionBasis> cache = new LinkedHashMap<>(16, 0.75f, true);

    public DirectionCache(DirectionVersionRepository versions, BlobStore blobs) {
        this.versions = versions;
        this.blobs = blobs;
    }

    public synchronized DirectionBasis get(UUID versionId) {
        DirectionBasis basis = cache.get(versionId);
        if (basis == null) {
            basis = load(versionId);
            cache.put(versionId, basis);
            if (cache.size() > CAPACITY) {
                UUID eldest = cache.keySet().iterator().next();
                close(cache.remove(eldest));
            }
        }
        return basis;
    }

    private DirectionBasis load(UUID versionId) {
        DirectionVersion version = versions.findById(versionId).orElseThrow(() -> new BadJobException(
                "UNKNOWN_DIRECTION", "direction version " + versionId + " is not in the registry"));
        byte[] bytes;
        try {
            bytes = blobs.get(DirectionVersion.basisKey(version.getBasisSha256()));
        } catch (ObjectNotFoundException e) {
            throw new BadJobException("MISSING_DIRECTION", "the basis of " + version.ref() + " is not in storage", e);
        }
        return BasisBytes.read(bytes);
    }

    private static void close(DirectionBasis basis) {
        basis.vectors().close();
        basis.rawVectors().close();
        basis.singularValues().close();
        if (basis.nullBasis() != null) {
            basis.nullBasis().close();
            basis.nullSingularValues().close();
        }
    }
}
