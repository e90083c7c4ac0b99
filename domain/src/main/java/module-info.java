/** The registry's vocabulary and the ports the core needs. Depends on nothing but the JDK. */
module io.wharf.domain {
    exports io.wharf.domain.model;
    exports io.wharf.domain.error;
    exports io.wharf.domain.json;
    exports io.wharf.domain.port;
    exports io.wharf.domain.auth;
    exports io.wharf.domain.event;
}
