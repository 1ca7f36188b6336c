package dev.locus.gateway.problems;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the gateway refuses, as it will be rendered: an RFC 9457 problem with the HTTP status,
 * a short title, a detail for people, and (where one field is at fault) the field's JSON path and a
 * stable machine-readable reason.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;
    private final String reason;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String title, String detail, String field, String reason) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.reason = reason;
    }

    /** 400: a field is missing, malformed or out of range. */
    public static ApiProblem invalid(String field, String reason, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, field, reason);
    }

    /** 404: something the request names does not exist. */
    public static ApiProblem notFound(String field, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, field, Reasons.NOT_FOUND);
    }

    /** 422: well-formed, but inconsistent with what the request refers to. */
    public static ApiProblem unprocessable(String field, String reason, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", detail, field, reason);
    }

    /** 409: the resource's state forbids the operation. */
    public static ApiProblem conflict(String reason, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, null, reason);
    }

    public ApiProblem with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public HttpStatus status() { return status; }
    public String title() { return title; }
    public String field() { return field; }
    public String reason() { return reason; }
    public Map<String, Object> properties() { return properties; }
}
