package dev.locus.common.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An uploaded image (or mask), addressed by the sha256 of its bytes. */
@Entity
@Table(name = "images")
public class StoredImage {

    @Id
    private String id;

    @Column(name = "content_type")
    private String contentType;

    private int width;
    private int height;

    @Column(name = "size_bytes")
    private long sizeBytes;

    @Column(name = "created_at")
    private Instant createdAt;

    protected StoredImage() {}

    public StoredImage(String id, String contentType, int width, int height, long sizeBytes, Instant createdAt) {
        this.id = id;
        this.contentType = contentType;
        this.width = width;
        this.height = height;
        this.sizeBytes = sizeBytes;
        this.createdAt = createdAt;
    }

    /** Where the bytes live in object storage. */
    public static String storageKey(String id) {
        return "images/" + id;
    }

    public String getId() { return id; }
    public String getContentType() { return contentType; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public long getSizeBytes() { return sizeBytes; }
    public Instant getCreatedAt() { return createdAt; }
}
