package dev.locus.common.jobs;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<Job, UUID> {

    /** The row locked for a state change, so a cancel and a worker's update cannot interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from Job j where j.id = :id")
    Optional<Job> lockById(UUID id);

    /** Running jobs whose last heartbeat (or, for rows from before heartbeats, last change) is older than cutoff. */
    @Query("select j.id from Job j where j.state = dev.locus.common.jobs.JobState.RUNNING"
            + " and coalesce(j.heartbeatAt, j.updatedAt) < :cutoff order by coalesce(j.heartbeatAt, j.updatedAt)")
    List<UUID> silentSince(Instant cutoff, Limit limit);

    @Query("select j.cancelRequested from Job j where j.id = :id")
    Optional<Boolean> cancelRequested(UUID id);
}
