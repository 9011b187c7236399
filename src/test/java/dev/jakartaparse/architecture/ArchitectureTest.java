package dev.jakartaparse.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules (see the README's Layout section): dependencies point one way. A failure names
 * the classes and the dependency that breaks a rule.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProduct() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jakartaparse");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.jakartaparse.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.jakartaparse.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.core..", "dev.jakartaparse.config..", "dev.jakartaparse.storage..",
                        "dev.jakartaparse.cloud..", "dev.jakartaparse.rest..", "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.jobs..", "dev.jakartaparse.files..", "dev.jakartaparse.redis..",
                        "dev.jakartaparse.bootstrap..")
                .check(classes);
    }

    @Test
    void coreKnowsNoCloudCodeRestLiveQueryRedisOrStorageImplementation() {
        // The core announces what the bus must carry (model events such as SchemaChanged); it never talks to it.
        noClasses().that().resideInAPackage("dev.jakartaparse.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.cloud..", "dev.jakartaparse.rest..", "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.redis..",
                        "dev.jakartaparse.jobs..", "dev.jakartaparse.files..", "dev.jakartaparse.bootstrap..",
                        "dev.jakartaparse.storage.mongo..", "dev.jakartaparse.storage.embedded..")
                .check(classes);
    }

    @Test
    void storageSpiDependsOnlyOnTheModel() {
        noClasses().that().resideInAPackage("dev.jakartaparse.storage")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.core..", "dev.jakartaparse.config..", "dev.jakartaparse.cloud..",
                        "dev.jakartaparse.rest..", "dev.jakartaparse.livequery..", "dev.jakartaparse.jobs..",
                        "dev.jakartaparse.files..", "dev.jakartaparse.redis..", "dev.jakartaparse.bootstrap..",
                        "dev.jakartaparse.storage.mongo..", "dev.jakartaparse.storage.embedded..")
                .check(classes);
    }

    @Test
    void onlyBootstrapNamesAdapterImplementations() {
        noClasses().that().resideOutsideOfPackages("dev.jakartaparse.bootstrap..", "dev.jakartaparse.storage.mongo..",
                        "dev.jakartaparse.storage.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.storage.mongo..", "dev.jakartaparse.storage.embedded..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.jakartaparse.bootstrap..", "dev.jakartaparse.files..")
                .should().dependOnClassesThat().haveSimpleName("GridFsFilesAdapter")
                .check(classes);
    }

    @Test
    void cloudCodeApiKnowsOnlyTheModel() {
        noClasses().that().resideInAPackage("dev.jakartaparse.cloud")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.core..", "dev.jakartaparse.config..", "dev.jakartaparse.storage..",
                        "dev.jakartaparse.cloud.runtime..", "dev.jakartaparse.rest..", "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.jobs..", "dev.jakartaparse.files..", "dev.jakartaparse.redis..",
                        "dev.jakartaparse.bootstrap..")
                .check(classes);
    }

    /** The route table is consulted by resources, filters and batch, and consults none of them. */
    @Test
    void routeTableKnowsNoResourceFilterOrOperation() {
        noClasses().that().resideInAPackage("dev.jakartaparse.rest.routing..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.jakartaparse.rest.resources..", "dev.jakartaparse.rest.filters..",
                        "dev.jakartaparse.rest.operations..")
                .check(classes);
    }

    @Test
    void nothingBelowRestSeesServletOrJaxRs() {
        noClasses().that().resideOutsideOfPackages("dev.jakartaparse.rest..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void pipelinesKnowSpecialClassesOnlyThroughClassRules() {
        noClasses().that().resideInAnyPackage("dev.jakartaparse.core.pipeline..", "dev.jakartaparse.core.security..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jakartaparse.core.auth..",
                        "dev.jakartaparse.core.classes..")
                .check(classes);
    }

    @Test
    void onlyTheCoreTouchesTheStore() {
        noClasses().that().resideOutsideOfPackages("dev.jakartaparse.core.pipeline..", "dev.jakartaparse.core.system..",
                        "dev.jakartaparse.core.schema..", "dev.jakartaparse.core.auth..", "dev.jakartaparse.core.classes..",
                        "dev.jakartaparse.storage..", "dev.jakartaparse.bootstrap..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.jakartaparse.storage.StorageAdapter")
                .check(classes);
    }

    @Test
    void nothingDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage("dev.jakartaparse.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("dev.jakartaparse.bootstrap..")
                .check(classes);
    }
}
