/**
 * The storage driver contract suite. The module is open because JUnit discovers and invokes the
 * test methods reflectively; drivers extend {@link io.wharf.storage.testkit.StorageDriverContract}
 * from their own test code.
 */
open module io.wharf.storage.testkit {
    requires transitive io.wharf.domain;
    requires transitive org.junit.jupiter.api;
    requires java.net.http; // fetches redirect URLs like a client

    exports io.wharf.storage.testkit;
    exports io.wharf.storage.testkit.servers;

    // StorageDriverFactories looks drivers up the way bootstrap does, so the test kit must declare it.
    uses io.wharf.domain.port.StorageDriverFactory;
}
