package dev.locus.common.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Locus's bucket on an S3 server, through the MinIO client. Keys are content addressed where the
 * content allows it, so writing the same bytes twice (a redelivered job) is harmless. Failures to
 * reach the server surface as {@link StorageUnavailableException}, which workers retry.
 */
public class BlobStore {

    private final MinioClient client;
    private final MinioClient signer;
    private final StorageProperties properties;

    public BlobStore(StorageProperties properties) {
        this.properties = properties;
        this.client = client(properties.endpoint(), properties);
        // a presigned URL's signature covers the host, so it is signed for the address clients use
        this.signer = properties.publicEndpoint() == null || properties.publicEndpoint().isBlank() ? client
                : client(properties.publicEndpoint(), properties);
    }

    private static MinioClient client(String endpoint, StorageProperties properties) {
        return MinioClient.builder().endpoint(endpoint).credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region()).build();
    }

    public String bucket() {
        return properties.bucket();
    }

    public void ensureBucket() {
        call("create bucket " + bucket(), () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket()).build());
            }
            return null;
        });
    }

    public void put(String key, byte[] bytes, String contentType) {
        call("store " + key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L).contentType(contentType).build()));
    }

    public byte[] get(String key) {
        return call("read " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    public boolean exists(String key) {
        try {
            call("look up " + key, () -> client.statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build()));
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    /** A GET URL that works without credentials until the configured expiry. */
    public String presignedUrl(String key) {
        return call("sign " + key, () -> signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET).bucket(bucket()).object(key)
                .expiry((int) properties.presignExpiry().toSeconds(), TimeUnit.SECONDS).build()));
    }

    private interface StorageCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, StorageCall<T> call) {
        try {
            return call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                throw new ObjectNotFoundException(what.substring(what.indexOf(' ') + 1));
            }
            throw new StorageUnavailableException("storage refused to " + what + ": " + code, e);
        } catch (ObjectNotFoundException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageUnavailableException("cannot " + what + " at " + properties.endpoint() + ": "
                    + e.getMessage(), e);
        }
    }
}
