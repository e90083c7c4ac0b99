/** The use cases over the domain's ports. Inbound adapters call the interfaces in {@code port.in}. */
module io.wharf.application {
    requires transitive io.wharf.domain;

    exports io.wharf.application.port.in;
    // Only the bootstrap constructs the services; adapters see the use-case interfaces alone.
    exports io.wharf.application.service to io.wharf.bootstrap;
    exports io.wharf.application.service.access to io.wharf.bootstrap;
    exports io.wharf.application.service.health to io.wharf.bootstrap;
}
