package dev.locus.gateway.problems;

/** The {@code reason} values of Locus's problems: stable strings for programs. */
public final class Reasons {

    public static final String REQUIRED = "required";
    public static final String MALFORMED = "malformed";
    public static final String OUT_OF_RANGE = "out-of-range";
    public static final String NOT_FOUND = "not-found";
    public static final String NOT_ALLOWED = "not-allowed";
    public static final String SIZE_MISMATCH = "size-mismatch";
    public static final String OTHER_MODEL = "other-model";
    public static final String RETIRED = "retired";
    public static final String EMPTY_MASK = "empty-mask";
    public static final String FULL_MASK = "full-mask";
    public static final String RESERVED = "reserved";
    public static final String UNSUPPORTED_FORMAT = "unsupported-format";
    public static final String TOO_LARGE = "too-large";
    public static final String TOO_MANY = "too-many";
    public static final String DUPLICATE = "duplicate";
    public static final String KEY_REUSED = "idempotency-key-reused";
    public static final String ALREADY_FINAL = "already-final";
    public static final String IN_USE = "in-use";
    public static final String NOT_READY = "not-ready";
    public static final String STORAGE_UNAVAILABLE = "storage-unavailable";
    public static final String CONCURRENT_CHANGE = "concurrent-change";
    public static final String INTERNAL = "internal";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String BAD_REQUEST = "bad-request";

    /** The reason of a problem that only has a status: what the servlet container or Spring MVC answered. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413, 414, 431 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    private Reasons() {}
}
