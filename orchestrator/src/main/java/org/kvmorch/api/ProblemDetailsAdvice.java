package org.kvmorch.api;

import org.kvmorch.errors.ConflictException;
import org.kvmorch.errors.InvalidFieldException;
import org.kvmorch.errors.NotFoundException;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one error contract: RFC 9457 problem+json with a stable {@code type} URI and the offending
 * field or name, never an exception class name.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://kvmorch.org/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
        p.setProperty(e.kind(), e.name());
        return p;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "conflict", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    /** Query parameters and headers the API cannot accept, naming them. */
    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-field", e.getMessage());
        p.setProperty("field", e.field());
        return p;
    }

    /** An Idempotency-Key reused for a different request (IETF draft httpapi-idempotency-key-header: 422). */
    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", e.getMessage());
        p.setProperty("field", IdempotentRequests.HEADER);
        return p;
    }

    /** Unknown policy names and other values the domain rejects. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-value", e.getMessage());
    }

    /** Invalid request parameters (@Min, @Max ... on controller arguments). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var result = ex.getParameterValidationResults().get(0);
        String field = result.getMethodParameter().getParameterName();
        MessageSourceResolvable error = result.getResolvableErrors().get(0);
        return ResponseEntity.badRequest().body(invalidField(field, error.getDefaultMessage()));
    }

    /** Invalid request bodies (Bean Validation on @Valid @RequestBody). */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError error = ex.getBindingResult().getFieldError();
        String field = error == null ? ex.getBindingResult().getObjectName() : error.getField();
        String message = error == null ? "invalid" : error.getDefaultMessage();
        return ResponseEntity.badRequest().body(invalidField(field, message));
    }

    /** Bodies that cannot be read (bad JSON, a value a record rejects): say why, naming the field. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "unreadable request body" : root.getMessage();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "unreadable-body", message.lines().findFirst().orElse(message));
        fieldOf(ex).ifPresent(field -> p.setProperty("field", field));
        return ResponseEntity.badRequest().body(p);
    }

    /** The JSON field a value could not be read into ("migrationTls": "sometimes"), when Jackson knows it. */
    private static Optional<String> fieldOf(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
                String path = j.getPath().stream().map(JacksonException.Reference::getPropertyName)
                        .filter(Objects::nonNull).collect(Collectors.joining("."));
                return path.isEmpty() ? Optional.empty() : Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * Anything not foreseen above: a 500 in the same problem+json shape, the cause in the log only.
     * (Left to the servlet container, it became a forward to /error, which the security rules
     * answered with a misleading 403.)
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error answering {}", request.getDescription(false), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "the request failed unexpectedly; the service log has the cause");
    }

    private static ProblemDetail invalidField(String field, String message) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-field", field + ": " + message);
        p.setProperty("field", field);
        return p;
    }

    static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        return p;
    }
}
