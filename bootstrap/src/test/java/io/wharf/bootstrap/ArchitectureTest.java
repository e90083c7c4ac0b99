package io.wharf.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The design card's arrows, checked on the compiled classes of every module: a wrong arrow fails the build. */
class ArchitectureTest {
    /** Each adapter's root package; an adapter may use only itself, the application and the domain. */
    private static final List<String> ADAPTERS = List.of(
            "io.wharf.http..",
            "io.wharf.storage.filesystem..",
            "io.wharf.storage.inmemory..",
            "io.wharf.storage.s3..",
            "io.wharf.storage.azure..",
            "io.wharf.storage.gcs..",
            "io.wharf.storage.testkit..",
            "io.wharf.metadata..",
            "io.wharf.notify..",
            "io.wharf.auth..");

    private static JavaClasses wharf;

    @BeforeAll
    static void importAllModules() {
        wharf = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.wharf");
    }

    @Test
    void everyLayerIsOnTheClassPathBeingChecked() {
        for (String root : List.of("io.wharf.domain", "io.wharf.application", "io.wharf.http",
                "io.wharf.storage.filesystem", "io.wharf.storage.inmemory", "io.wharf.storage.testkit",
                "io.wharf.storage.s3", "io.wharf.storage.azure", "io.wharf.storage.gcs",
                "io.wharf.metadata.postgres",
                "io.wharf.notify", "io.wharf.auth", "io.wharf.bootstrap")) {
            assertTrue(wharf.stream().anyMatch(c -> c.getPackageName().startsWith(root)),
                    "no classes of " + root + " were imported, so the rules below would pass vacuously");
        }
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("io.wharf.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.wharf.domain..", "java..");
        rule.check(wharf);
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("io.wharf.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.wharf.application..", "io.wharf.domain..", "java..");
        rule.check(wharf);
    }

    @Test
    void adaptersNeverUseEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).toArray(String[]::new);
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("adapters meet only through the ports; bootstrap alone wires several")
                    .check(wharf);
        }
    }

    /** A deployment without a cloud driver must not need its SDK: only that driver may touch it. */
    @Test
    void eachCloudSdkIsUsedByItsDriverAlone() {
        Map.of("io.wharf.storage.s3..", "software.amazon..",
                "io.wharf.storage.azure..", "com.azure..",
                "io.wharf.storage.gcs..", "com.google.cloud..").forEach((driver, sdk) ->
                noClasses().that().resideOutsideOfPackage(driver)
                        .should().dependOnClassesThat().resideInAPackage(sdk)
                        .check(wharf));
    }

    /** JWT and bcrypt stay behind the access control ports. */
    @Test
    void securityLibrariesAreUsedByTheAuthAdaptersAlone() {
        for (String library : List.of("com.nimbusds..", "at.favre.lib..", "com.google.crypto.tink..")) {
            noClasses().that().resideOutsideOfPackage("io.wharf.auth..")
                    .should().dependOnClassesThat().resideInAPackage(library)
                    .check(wharf);
        }
    }

    @Test
    void nothingButBootstrapUsesTheBootstrap() {
        noClasses().that().resideOutsideOfPackage("io.wharf.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.wharf.bootstrap..")
                .check(wharf);
    }

    @Test
    void adaptersDoNotReachIntoApplicationServices() {
        noClasses().that().resideInAnyPackage(ADAPTERS.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAPackage("io.wharf.application.service..")
                .because("inbound adapters call the use-case interfaces in application.port.in")
                .check(wharf);
    }
}
