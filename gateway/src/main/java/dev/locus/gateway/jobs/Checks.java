package dev.locus.gateway.jobs;

import dev.locus.common.registry.ModelRecord;
import dev.locus.common.registry.StoredImage;
import dev.locus.gateway.models.ServingModels;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.net.URI;
import java.util.Locale;

/** Field checks shared by the job validators; each failure names its field. */
final class Checks {

    private Checks() {}

    static <T> T required(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw ApiProblem.invalid(field, Reasons.REQUIRED, field + " is required");
        }
        return value;
    }

    /** A registered model that still serves jobs. */
    static ModelRecord model(Lookups lookups, String id) {
        required(id, "model");
        return ServingModels.require(lookups.model(id), id);
    }

    /** An uploaded image that must have the model's resolution (images and masks alike). */
    static StoredImage imageAtResolution(Lookups lookups, String id, String field, ModelRecord model) {
        required(id, field);
        StoredImage image = lookups.image(id).orElseThrow(() -> ApiProblem.notFound(field, "no image '" + id
                + "'; upload it with POST /v1/images"));
        int size = model.getSampleSize();
        if (image.getWidth() != size || image.getHeight() != size) {
            throw ApiProblem.unprocessable(field, Reasons.SIZE_MISMATCH, field + " " + id + " is "
                            + image.getWidth() + "x" + image.getHeight() + " but model " + model.getId() + " works at "
                            + size + "x" + size + "; upload it with ?model=" + model.getId() + "&resize=true")
                    .with("actual", image.getWidth() + "x" + image.getHeight())
                    .with("expected", size + "x" + size);
        }
        return image;
    }

    /**
     * A region's mask must select some pixels; LOCO's, which keeps the rest of the image fixed, must also leave
     * some out.
     */
    static void selectsARegion(Lookups lookups, StoredImage mask, String field, boolean needsOutside) {
        int inside = lookups.maskPixelsInside(mask);
        long pixels = (long) mask.getWidth() * mask.getHeight();
        if (inside == 0) {
            throw ApiProblem.unprocessable(field, Reasons.EMPTY_MASK, field + " " + mask.getId() + " selects no pixel: "
                    + "a mask is white (luminance above 127) inside its region and black outside");
        }
        if (needsOutside && inside == pixels) {
            throw ApiProblem.unprocessable(field, Reasons.FULL_MASK, field + " " + mask.getId() + " covers the whole "
                    + "image: LOCO keeps what lies outside the mask fixed, so the mask must leave some pixels black");
        }
    }

    static int intInRange(Integer value, int fallback, int min, int max, String field) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ApiProblem.invalid(field, Reasons.OUT_OF_RANGE, field + " must be between " + min + " and " + max
                    + ", got " + v);
        }
        return v;
    }

    static int steps(Integer steps) {
        return intInRange(steps, RequestDefaults.STEPS, RequestDefaults.MIN_STEPS, RequestDefaults.MAX_STEPS, "steps");
    }

    static long seed(Long seed) {
        long s = seed == null ? RequestDefaults.SEED : seed;
        if (s < 0) {
            throw ApiProblem.invalid("seed", Reasons.OUT_OF_RANGE, "seed must not be negative, got " + s);
        }
        return s;
    }

    /** An absolute http(s) URL, or null. */
    static String webhookUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || url.length() > 2000) {
                throw new IllegalArgumentException();
            }
            return url;
        } catch (Exception e) {
            throw ApiProblem.invalid("webhookUrl", Reasons.MALFORMED,
                    "webhookUrl must be an absolute http or https URL of at most 2000 characters");
        }
    }
}
