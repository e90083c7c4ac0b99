package io.wharf.bootstrap.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.RepositoryName;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs a use case inside an INTERNAL span named after it ({@code Manifests.push}), current while it runs,
 * so the storage and SQL spans it causes hang under it. A registry error (unknown blob, invalid
 * manifest) is an answer, recorded as {@code wharf.error.code}; anything else marks the span failed.
 */
final class UseCaseSpans {
    static final String INSTRUMENTATION = "io.wharf.application";
    static final AttributeKey<String> REPOSITORY = AttributeKey.stringKey("wharf.repository");
    static final AttributeKey<String> DIGEST = AttributeKey.stringKey("wharf.digest");
    static final AttributeKey<String> REFERENCE = AttributeKey.stringKey("wharf.reference");
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("wharf.upload.session");
    private static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("wharf.error.code");

    private final Tracer tracer;

    UseCaseSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    /**
     * Runs {@code work} in a span named {@code name} on {@code repository} (null for none), with the attributes
     * {@code describe} adds; outside a recorded request span it just runs it.
     */
    <T> T run(String name, RepositoryName repository, UnaryOperator<SpanBuilder> describe, Supplier<T> work) {
        if (!Span.current().isRecording()) {
            // under a request that is not sampled no child is kept either: spare the span and its ids
            return work.get();
        }
        SpanBuilder builder = tracer.spanBuilder(name);
        if (repository != null) {
            builder.setAttribute(REPOSITORY, repository.value());
        }
        Span span = describe.apply(builder).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RegistryException e) {
            span.setAttribute(ERROR_CODE, e.code().name());
            throw e;
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR);
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    <T> T run(String name, RepositoryName repository, Supplier<T> work) {
        return run(name, repository, UnaryOperator.identity(), work);
    }

    void run(String name, RepositoryName repository, UnaryOperator<SpanBuilder> describe, Runnable work) {
        run(name, repository, describe, () -> {
            work.run();
            return null;
        });
    }
}
