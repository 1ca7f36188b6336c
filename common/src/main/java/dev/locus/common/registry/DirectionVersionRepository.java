package dev.locus.common.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DirectionVersionRepository extends JpaRepository<DirectionVersion, UUID> {

    Optional<DirectionVersion> findByJobId(UUID jobId);

    Optional<DirectionVersion> findByNameAndVersion(String name, int version);

    List<DirectionVersion> findByNameOrderByVersion(String name);

    /** Takes the next version number of {@code name}; the counter row stays locked until commit. */
    @Query(value = "insert into direction_names (name, last_version) values (:name, 1) on conflict (name) "
            + "do update set last_version = direction_names.last_version + 1 returning last_version", nativeQuery = true)
    int takeNextVersion(String name);

    /** The library listing; every filter is optional (null matches all). */
    @Query("""
            select d from DirectionVersion d
            where d.deletedAt is null
              and (cast(:model as string) is null or d.modelId = :model)
              and (cast(:method as string) is null or d.method = :method)
              and (cast(:namePrefix as string) is null or d.name like concat(cast(:namePrefix as string), '%') escape '\\')
              and (cast(:tag as string) is null or :tag member of d.tags)
            """)
    Page<DirectionVersion> search(String model, String method, String tag, String namePrefix, Pageable page);

    /** Versions that an edit still waiting or running needs. */
    @Query(value = "select distinct ed.direction_version_id from edit_directions ed join jobs j on j.id = ed.job_id "
            + "where j.state in ('QUEUED', 'RUNNING') and ed.direction_version_id in (:ids)", nativeQuery = true)
    List<UUID> inUseByUnfinishedEdits(List<UUID> ids);
}
