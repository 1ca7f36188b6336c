package dev.locus.gateway.results;

import java.util.UUID;

/** The URLs the API hands out: relative, or under {@code locus.gateway.public-url} when set. */
public class Links {

    private final String base;

    public Links(String publicUrl) {
        String b = publicUrl == null ? "" : publicUrl.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        this.base = b;
    }

    public String path(String path) {
        return base + path;
    }

    public String job(UUID id) {
        return path("/v1/jobs/" + id);
    }

    public String jobImage(UUID id, int index) {
        return path("/v1/jobs/" + id + "/images/" + index);
    }

    public String image(String id) {
        return path("/v1/images/" + id);
    }

    public String direction(String ref) {
        return path("/v1/directions/" + ref);
    }

    public String basis(String ref) {
        return direction(ref) + "/basis";
    }

    public String preview(String ref) {
        return direction(ref) + "/preview.png";
    }
}
