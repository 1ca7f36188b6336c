package dev.locus.gateway.problems;

import dev.locus.common.jobs.JobAlreadyFinishedException;
import dev.locus.common.jobs.JobNotFoundException;
import dev.locus.common.registry.DirectionNotFoundException;
import dev.locus.common.storage.ObjectNotFoundException;
import dev.locus.common.storage.StorageUnavailableException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as {@code application/problem+json}: Locus's own {@link ApiProblem}s, the
 * common module's not-found and conflict exceptions, and Spring MVC's own (through the base class).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The RFC 9457 {@code type} of a problem with {@code reason}. */
    public static URI type(String reason) {
        return URI.create("urn:locus:problem:" + reason);
    }

    /** The problem body of {@code problem}; public so that tests can check rendering without MVC. */
    public static ProblemDetail toDetail(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setTitle(problem.title());
        if (problem.reason() != null) {
            detail.setType(type(problem.reason()));
            detail.setProperty("reason", problem.reason());
        }
        if (problem.field() != null) {
            detail.setProperty("field", problem.field());
        }
        problem.properties().forEach(detail::setProperty);
        return detail;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(toDetail(problem));
    }

    @ExceptionHandler(JobNotFoundException.class)
    ResponseEntity<ProblemDetail> jobNotFound(JobNotFoundException e) {
        return respond(toDetail(ApiProblem.notFound("id", e.getMessage())));
    }

    @ExceptionHandler(DirectionNotFoundException.class)
    ResponseEntity<ProblemDetail> directionNotFound(DirectionNotFoundException e) {
        return respond(toDetail(ApiProblem.notFound("ref", e.getMessage())));
    }

    @ExceptionHandler(ObjectNotFoundException.class)
    ResponseEntity<ProblemDetail> objectNotFound(ObjectNotFoundException e) {
        return respond(toDetail(ApiProblem.notFound(null, e.getMessage())));
    }

    @ExceptionHandler(JobAlreadyFinishedException.class)
    ResponseEntity<ProblemDetail> alreadyFinished(JobAlreadyFinishedException e) {
        return respond(toDetail(ApiProblem.conflict(Reasons.ALREADY_FINAL, e.getMessage())));
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storageUnavailable(StorageUnavailableException e) {
        log.warn("object storage unavailable: {}", e.getMessage());
        return respond(toDetail(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable",
                "object storage cannot be reached; try again later", null, Reasons.STORAGE_UNAVAILABLE)));
    }

    /** Two requests changed the same row at once (an alias created twice, ...): the loser may simply retry. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> concurrentChange(DataIntegrityViolationException e) {
        log.info("conflicting concurrent change: {}", e.getMostSpecificCause().getMessage());
        return respond(toDetail(ApiProblem.conflict(Reasons.CONCURRENT_CHANGE,
                "another request changed the same record at the same moment; retry the request")));
    }

    /** The last resort: still a problem+json, with the cause in the log rather than in the response. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(toDetail(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the server failed to handle the request; it has been logged", null, Reasons.INTERNAL)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(toDetail(ApiProblem.invalid(e.getName(), Reasons.MALFORMED,
                e.getName() + ": '" + e.getValue() + "' is not a valid value")));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail detail = toDetail(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
                "the upload exceeds the server's multipart limit", "file", Reasons.TOO_LARGE));
        return new ResponseEntity<>(detail, problemHeaders(), detail.getStatus());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(toDetail(ApiProblem.invalid(ex.getRequestPartName(), Reasons.REQUIRED,
                "the multipart part '" + ex.getRequestPartName() + "' is required")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return asObject(toDetail(ApiProblem.invalid(ex.getParameterName(), Reasons.REQUIRED,
                "the query parameter '" + ex.getParameterName() + "' is required")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var error = ex.getBindingResult().getFieldError();
        String field = error == null ? null : error.getField();
        String message = error == null ? "invalid request" : field + ": " + error.getDefaultMessage();
        return asObject(toDetail(ApiProblem.invalid(field, Reasons.MALFORMED, message)));
    }

    /** A multipart body that cannot be parsed (cut short, no boundary): the client's fault, not a 500. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        log.info("malformed multipart request: {}", e.getMessage());
        return respond(toDetail(ApiProblem.invalid("file", Reasons.MALFORMED,
                "the multipart body cannot be read: send multipart/form-data with a boundary and a complete 'file' part")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestBodyLimit.exceeded(ex)) {
            return asObject(toDetail(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Body too large",
                    RequestBodyLimit.message(ex), null, Reasons.TOO_LARGE)));
        }
        return asObject(toDetail(ApiProblem.invalid(null, Reasons.MALFORMED, "the request body cannot be read")));
    }

    /**
     * Spring MVC's own problems (405, 415, 404 for an unknown path, ...) carry only a status and a title: every
     * problem of this API also has a {@code reason} and a {@code type} that programs can match on.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail detail && (detail.getProperties() == null
                || !detail.getProperties().containsKey("reason"))) {
            String reason = Reasons.forStatus(statusCode.value());
            detail.setType(type(reason));
            detail.setProperty("reason", reason);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return respond(toDetail(ApiProblem.invalid(e.getHeaderName(), Reasons.REQUIRED,
                "the header " + e.getHeaderName() + " is required")));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail detail) {
        return ResponseEntity.status(detail.getStatus()).headers(problemHeaders()).body(detail);
    }

    private static ResponseEntity<Object> asObject(ProblemDetail detail) {
        return new ResponseEntity<>(detail, problemHeaders(), detail.getStatus());
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
