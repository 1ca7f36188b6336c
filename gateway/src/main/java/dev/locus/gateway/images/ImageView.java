package dev.locus.gateway.images;

import java.time.Instant;

/** An uploaded image as the API shows it. */
public record ImageView(String id, String contentType, int width, int height, long sizeBytes, boolean resized,
                        String url, Instant createdAt) {}
