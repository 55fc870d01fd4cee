package org.kvmorch.api;

/** An Idempotency-Key sent again with a different request than the first time; HTTP 422. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key, String firstRequest, String thisRequest) {
        super("Idempotency-Key '" + key + "' was first used for " + firstRequest
                + (firstRequest.equals(thisRequest) ? " with a different body or parameters" : "")
                + "; a new request needs a new key");
    }
}
