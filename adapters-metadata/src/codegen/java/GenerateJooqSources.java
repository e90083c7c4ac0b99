import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build-time only (run by exec-maven-plugin in generate-sources as a single-file program, never
 * packaged): starts a throw-away embedded PostgreSQL, applies the Flyway migrations and generates
 * the jOOQ classes from the real schema, so generated code can never drift from the migrations.
 *
 * <p>Arguments: migrations directory, output directory, target package, scratch directory.
 */
public class GenerateJooqSources {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: GenerateJooqSources <migrations-dir> <output-dir> <package> <scratch-dir>");
        }
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        String targetPackage = args[2];
        Path scratch = Path.of(args[3]).toAbsolutePath();
        Files.createDirectories(scratch);
        Path dataDir = Files.createTempDirectory(scratch, "pg-");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "")
                    .locations("filesystem:" + migrations)
                    .load()
                    .migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url).withUser("postgres"))
                    .withGenerator(new Generator()
                            .withName("org.jooq.codegen.JavaGenerator")
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    // Unqualified SQL: the runtime schema is whatever the connection's
                                    // search_path says (tests use a schema per class on an external server).
                                    .withOutputSchemaToDefault(true)
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withJavaTimeTypes(true)
                                    .withComments(true)
                                    .withGeneratedAnnotation(false)
                                    // Not used, and the two FKs of manifest_child make their names clash.
                                    .withImplicitJoinPathsToMany(false)
                                    .withImplicitJoinPathsManyToMany(false))
                            .withTarget(new Target()
                                    .withPackageName(targetPackage)
                                    .withDirectory(output.toString())
                                    .withClean(true))));
        }
    }
}
