package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;
import io.wharf.domain.port.MetadataCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.wharf.metadata.postgres.TestManifests.blob;
import static io.wharf.metadata.postgres.TestManifests.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on one embedded PostgreSQL per class (a schema per test), plus the embedded mode itself. */
class EmbeddedPostgresCatalogTest extends MetadataCatalogContract {
    private EmbeddedPostgres postgres;
    private SchemaPerCatalog schemas;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        schemas = new SchemaPerCatalog(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected MetadataCatalog newCatalog() {
        return schemas.newCatalog();
    }

    @Override
    protected long blobRows(BlobRecord blob) {
        return schemas.blobRows(blob);
    }

    @Test
    void embeddedCatalogKeepsItsDataAcrossRestarts(@TempDir Path dataDir) {
        AdapterSettings settings = new AdapterSettings("catalog.postgres",
                Map.of(CatalogSettings.EMBEDDED_DIR, dataDir.resolve("postgres").toString(), CatalogSettings.POOL_SIZE, "2"));
        RepositoryName repository = RepositoryName.of("kept/across-restarts");
        BlobRecord config = blob("restart-config");
        Manifest manifest = image(config, List.of());

        try (MetadataCatalog first = new PostgresCatalogFactory().open(settings)) {
            first.linkBlob(repository, config);
            assertThat(first.putManifest(repository, manifest, Optional.of(Tag.of("v1"))))
                    .isInstanceOf(PutManifestOutcome.Stored.class);
        }
        try (MetadataCatalog second = new PostgresCatalogFactory().open(settings)) {
            assertThat(second.findManifest(repository, new Reference.ByTag(Tag.of("v1"))).orElseThrow().payload())
                    .isEqualTo(manifest.payload());
            assertThat(second.findLinkedBlob(repository, config.digest())).contains(config);
        }
    }

    @Test
    void theEmbeddedClusterSyncsEveryCommitToDisk(@TempDir Path dataDir) throws java.sql.SQLException {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dataDir.resolve("postgres"), 0);
             java.sql.Connection connection = java.sql.DriverManager.getConnection(cluster.jdbcUrl());
             java.sql.Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit")) {
                try (java.sql.ResultSet result = statement.executeQuery("SHOW " + setting)) {
                    result.next();
                    assertThat(result.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void settingsAreChecked() {
        PostgresCatalogFactory factory = new PostgresCatalogFactory();
        assertThat(factory.name()).isEqualTo("postgres");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres", Map.of("colour", "red"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.colour");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres", Map.of())))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.embedded-dir");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres",
                Map.of("url", "jdbc:postgresql://localhost:1/x", "pool-size", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.pool-size");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres",
                Map.of("url", "jdbc:postgresql://localhost:1/x", "manifest-cache-bytes", "-1"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.manifest-cache-bytes");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres",
                Map.of("url", "jdbc:postgresql://localhost:1/x", "manifest-cache-bytes", "64MiB"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.manifest-cache-bytes");
        assertThatThrownBy(() -> factory.open(new AdapterSettings("catalog.postgres",
                Map.of("url", "jdbc:mysql://localhost/x"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("catalog.postgres.url");
    }

    @Test
    void unreachableDatabaseFailsWithTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:1/wharf";
        assertThatThrownBy(() -> new PostgresCatalogFactory().open(new AdapterSettings("catalog.postgres", Map.of("url", url))))
                .isInstanceOf(CatalogException.class).hasMessageContaining(url);
    }
}
