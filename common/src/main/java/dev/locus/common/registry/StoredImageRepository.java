package dev.locus.common.registry;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface StoredImageRepository extends JpaRepository<StoredImage, String> {

    /**
     * Registers an image unless one with the same content (id) exists; safe when two uploads of the same bytes
     * race, where a check-then-insert would fail the second on the primary key.
     *
     * @return 1 when this call registered it, 0 when it was there already
     */
    @Modifying
    @Query(value = """
            insert into images (id, content_type, width, height, size_bytes, created_at)
            values (:id, :contentType, :width, :height, :sizeBytes, :createdAt)
            on conflict (id) do nothing
            """, nativeQuery = true)
    int insertIfAbsent(String id, String contentType, int width, int height, long sizeBytes, Instant createdAt);
}
