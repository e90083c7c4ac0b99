package io.wharf.http;

import io.wharf.application.port.in.DependencyHealth;
import io.wharf.http.internal.HealthResponses;

/**
 * The health endpoints, each GET without access control:
 * <ul>
 *   <li>{@value #DEBUG_HEALTH} on the registry port and the admin port, as distribution serves it: 200
 *       {@code {}}, or 503 with each failing check's name and message;</li>
 *   <li>{@value #LIVENESS} on the admin port: 200 while the process serves requests;</li>
 *   <li>{@value #READINESS} on the admin port: 200 when every dependency check passes, else 503, with the
 *       state of each check.</li>
 * </ul>
 */
public final class HealthEndpoints {
    public static final String DEBUG_HEALTH = "/debug/health";
    public static final String LIVENESS = "/health/live";
    public static final String READINESS = "/health/ready";

    private HealthEndpoints() {
    }

    /** Adds the endpoints to the server being built; {@code health} runs the dependency checks. */
    public static RegistryHttpServer.Builder addTo(RegistryHttpServer.Builder http, DependencyHealth health) {
        AdminEndpoint debugHealth = () -> HealthResponses.debugHealth(health.check());
        // Liveness checks no dependency on purpose: it tells the orchestrator whether to restart the process,
        // and restarting a registry because its database or its storage is down does not bring them back; it
        // only adds a cold start (and a storm of restarts) to the outage. Readiness takes the instance out of
        // the load balancer instead, until its dependencies answer again.
        return http
                .publicEndpoint(DEBUG_HEALTH, debugHealth)
                .adminEndpoint(DEBUG_HEALTH, debugHealth)
                .adminEndpoint(LIVENESS, HealthResponses::liveness)
                .adminEndpoint(READINESS, () -> HealthResponses.readiness(health.check()));
    }
}
