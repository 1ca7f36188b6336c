package dev.locus.common.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3 server (MinIO in production, s3proxy in the local mode) that holds images, direction
 * bases, previews and results.
 *
 * @param presignExpiry  how long a result URL handed to clients stays valid
 * @param publicEndpoint the address clients reach the server at, when it differs from
 *                       {@code endpoint} (inside Docker or Kubernetes); presigned URLs use it
 */
@ConfigurationProperties("locus.storage")
public record StorageProperties(@DefaultValue("http://localhost:9000") String endpoint,
                                @DefaultValue("minioadmin") String accessKey,
                                @DefaultValue("minioadmin") String secretKey,
                                @DefaultValue("locus") String bucket,
                                @DefaultValue("us-east-1") String region,
                                @DefaultValue("1h") Duration presignExpiry,
                                String publicEndpoint) {

    /** S3 signs URLs for at most 7 days; a longer setting would make every presign fail at run time. */
    static final Duration LONGEST_PRESIGN = Duration.ofDays(7);

    public StorageProperties {
        if (presignExpiry.compareTo(Duration.ofSeconds(1)) < 0 || presignExpiry.compareTo(LONGEST_PRESIGN) > 0) {
            throw new IllegalArgumentException("locus.storage.presign-expiry must be between 1s and 7d (the S3 limit), got "
                    + presignExpiry);
        }
    }
}
