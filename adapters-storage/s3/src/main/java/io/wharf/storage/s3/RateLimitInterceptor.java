package io.wharf.storage.s3;

import java.io.InterruptedIOException;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Takes a token before every HTTP attempt, retries included, since each one counts against the store's limit. */
final class RateLimitInterceptor implements ExecutionInterceptor {
    private final RequestRateLimiter limiter;

    RateLimitInterceptor(RequestRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            limiter.acquire();
        } catch (InterruptedIOException e) {
            throw AbortedException.builder().message(e.getMessage()).cause(e).build();
        }
    }
}
