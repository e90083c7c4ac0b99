/** Event publishers, found by the bootstrap through the service loader. */
module io.wharf.notify {
    requires io.wharf.domain;

    provides io.wharf.domain.port.EventPublisherFactory with io.wharf.notify.DiscardingPublisherFactory;
}
