/** Notification endpoints (webhooks), found by the bootstrap through the service loader. */
module io.wharf.notify {
    requires io.wharf.domain;
}
