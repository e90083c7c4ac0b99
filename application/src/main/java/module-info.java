/** The use cases over the domain's ports. Inbound adapters call the interfaces in {@code port.in}. */
module io.wharf.application {
    requires transitive io.wharf.domain;

    exports io.wharf.application.port.in;
    exports io.wharf.application.service;
}
