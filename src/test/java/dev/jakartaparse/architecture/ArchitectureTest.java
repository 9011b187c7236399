package dev.jakartaparse.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.Timer;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.BaseStream;

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
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.jakartaparse.core..",
                        "dev.jakartaparse.config..",
                        "dev.jakartaparse.storage..",
                        "dev.jakartaparse.cloud..",
                        "dev.jakartaparse.rest..",
                        "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.jobs..",
                        "dev.jakartaparse.files..",
                        "dev.jakartaparse.redis..",
                        "dev.jakartaparse.bootstrap..")
                .check(classes);
    }

    @Test
    void coreKnowsNoCloudCodeRestLiveQueryRedisOrStorageImplementation() {
        // The core announces what the bus must carry (model events such as SchemaChanged); it never talks to it.
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.jakartaparse.cloud..",
                        "dev.jakartaparse.rest..",
                        "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.redis..",
                        "dev.jakartaparse.jobs..",
                        "dev.jakartaparse.files..",
                        "dev.jakartaparse.bootstrap..",
                        "dev.jakartaparse.storage.mongo..",
                        "dev.jakartaparse.storage.embedded..")
                .check(classes);
    }

    @Test
    void storageSpiDependsOnlyOnTheModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.storage")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.jakartaparse.core..",
                        "dev.jakartaparse.config..",
                        "dev.jakartaparse.cloud..",
                        "dev.jakartaparse.rest..",
                        "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.jobs..",
                        "dev.jakartaparse.files..",
                        "dev.jakartaparse.redis..",
                        "dev.jakartaparse.bootstrap..",
                        "dev.jakartaparse.storage.mongo..",
                        "dev.jakartaparse.storage.embedded..")
                .check(classes);
    }

    @Test
    void onlyBootstrapNamesAdapterImplementations() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.jakartaparse.bootstrap..",
                        "dev.jakartaparse.storage.mongo..",
                        "dev.jakartaparse.storage.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.jakartaparse.storage.mongo..", "dev.jakartaparse.storage.embedded..")
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.jakartaparse.bootstrap..", "dev.jakartaparse.files..")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("GridFsFilesAdapter")
                .check(classes);
    }

    /** Push adapters see the SPI, the options and the model: never the pipeline that calls them. */
    @Test
    void pushAdaptersKnowOnlyTheSpiConfigAndModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.push.adapters..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.jakartaparse..")
                        .and(resideOutsideOfPackages(
                                "dev.jakartaparse.push.adapters..",
                                "dev.jakartaparse.push.spi..",
                                "dev.jakartaparse.config..",
                                "dev.jakartaparse.model..")))
                .check(classes);
    }

    @Test
    void cloudCodeApiKnowsOnlyTheModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.cloud")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.jakartaparse.core..",
                        "dev.jakartaparse.config..",
                        "dev.jakartaparse.storage..",
                        "dev.jakartaparse.cloud.runtime..",
                        "dev.jakartaparse.rest..",
                        "dev.jakartaparse.livequery..",
                        "dev.jakartaparse.jobs..",
                        "dev.jakartaparse.files..",
                        "dev.jakartaparse.redis..",
                        "dev.jakartaparse.bootstrap..")
                .check(classes);
    }

    /** The route table is consulted by resources, filters and batch, and consults none of them. */
    @Test
    void routeTableKnowsNoResourceFilterOrOperation() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.rest.routing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.jakartaparse.rest.resources..",
                        "dev.jakartaparse.rest.filters..",
                        "dev.jakartaparse.rest.operations..")
                .check(classes);
    }

    @Test
    void nothingBelowRestSeesServletOrJaxRs() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.jakartaparse.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void pipelinesKnowSpecialClassesOnlyThroughClassRules() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.jakartaparse.core.pipeline..", "dev.jakartaparse.core.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.jakartaparse.core.auth..", "dev.jakartaparse.core.classes..")
                .check(classes);
    }

    @Test
    void onlyTheCoreTouchesTheStore() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.jakartaparse.core.pipeline..",
                        "dev.jakartaparse.core.system..",
                        "dev.jakartaparse.core.schema..",
                        "dev.jakartaparse.core.auth..",
                        "dev.jakartaparse.core.classes..",
                        "dev.jakartaparse.storage..",
                        "dev.jakartaparse.bootstrap..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.jakartaparse.storage.StorageAdapter")
                .check(classes);
    }

    @Test
    void pushSpiDependsOnlyOnTheModelAndConfig() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.push.spi..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.jakartaparse..")
                        .and(resideOutsideOfPackages(
                                "dev.jakartaparse.push.spi..",
                                "dev.jakartaparse.model..",
                                "dev.jakartaparse.config..")))
                .check(classes);
    }

    @Test
    void pushKnowsTheCoreOnlyThroughPipelinesSecuritySystemAndJson() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.push..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.jakartaparse..")
                        .and(resideOutsideOfPackages(
                                "dev.jakartaparse.push..",
                                "dev.jakartaparse.model..",
                                "dev.jakartaparse.config..",
                                "dev.jakartaparse.core.pipeline..",
                                "dev.jakartaparse.core.security..",
                                "dev.jakartaparse.core.system..",
                                "dev.jakartaparse.core.json..")))
                .check(classes);
    }

    @Test
    void nothingDependsOnBootstrap() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.jakartaparse.bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.jakartaparse.bootstrap..")
                .check(classes);
    }

    @Test
    void embeddedDatabaseIsALibraryThatKnowsNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.jakartaparse.storage.embedded..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.jakartaparse..")
                        .and(resideOutsideOfPackage("dev.jakartaparse.storage.embedded..")))
                .check(classes);
    }

    /**
     * No process-wide mutable state: a static field is a constant. State lives in CDI beans, so that
     * two applications, or an application deployed again, never share it.
     */
    @Test
    void staticFieldsAreConstants() {
        fields().that().areStatic().should().beFinal().check(classes);
        noFields().that().areStatic().should().haveRawType(MUTABLE_OR_ACTIVE).check(classes);
        // a field declared as a Map or a Set: what it is made of at class initialisation
        noClasses()
                .should()
                .callCodeUnitWhere(MAKES_SHARED_STATE_AT_CLASS_INITIALISATION)
                .check(classes);
    }

    /**
     * Threads come from the container (Jakarta Concurrency's managed executors and thread factory,
     * EJB timers and @Asynchronous), so the application stops cleanly and RedeployIT finds none of
     * ours left. The one exception, documented in its package: the embedded database's checkpoint
     * thread.
     */
    @Test
    void threadsComeFromTheContainer() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.jakartaparse.storage.embedded..")
                .should()
                .callCodeUnitWhere(MAKES_ITS_OWN_THREADS)
                .check(classes);
    }

    private static final DescribedPredicate<JavaClass> MUTABLE_OR_ACTIVE = DescribedPredicate.describe(
            "a mutable collection, an executor, a thread or an HTTP client",
            type -> type.isAssignableTo(ConcurrentMap.class)
                    || type.isAssignableTo(HashMap.class)
                    || type.isAssignableTo(TreeMap.class)
                    || type.isAssignableTo(ArrayList.class)
                    || type.isAssignableTo(LinkedList.class)
                    || type.isAssignableTo(HashSet.class)
                    || type.isAssignableTo(TreeSet.class)
                    || type.isAssignableTo(ArrayDeque.class)
                    || type.isAssignableTo(CopyOnWriteArrayList.class)
                    || type.isAssignableTo(CopyOnWriteArraySet.class)
                    || type.isAssignableTo(BlockingQueue.class)
                    || type.isAssignableTo(Executor.class)
                    || type.isAssignableTo(Thread.class)
                    || type.isAssignableTo(HttpClient.class)
                    || type.getPackageName().equals("java.util.concurrent.atomic"));

    private static final DescribedPredicate<JavaCall<?>> MAKES_SHARED_STATE_AT_CLASS_INITIALISATION =
            DescribedPredicate.describe(
                    "make a concurrent map, an executor or an HTTP client when their class is "
                            + "initialised (a static cache or client)",
                    call -> call.getOrigin().getName().equals("<clinit>")
                            && (call instanceof JavaConstructorCall
                                            && MUTABLE_OR_ACTIVE.test(call.getTargetOwner())
                                            && !call.getTargetOwner().isAssignableTo(ArrayList.class)
                                            && !call.getTargetOwner().isAssignableTo(HashMap.class)
                                            && !call.getTargetOwner().isAssignableTo(HashSet.class)
                                    || call.getTargetOwner().isAssignableTo(HttpClient.class)
                                    || call.getTargetOwner().isAssignableTo(HttpClient.Builder.class)
                                    || call.getTargetOwner().isEquivalentTo(Executors.class)));

    private static final DescribedPredicate<JavaCall<?>> MAKES_ITS_OWN_THREADS = DescribedPredicate.describe(
            "make a thread of their own (new Thread, an Executors pool without a "
                    + "thread factory, the common pool, a Timer)",
            call -> {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                boolean constructor = call instanceof JavaConstructorCall;
                boolean takesThreadFactory = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(t -> t.isAssignableTo(ThreadFactory.class));
                boolean takesExecutor = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(t -> t.isAssignableTo(Executor.class));
                return constructor && (owner.isAssignableTo(Thread.class) || owner.isAssignableTo(Timer.class))
                        || constructor && owner.isAssignableTo(ThreadPoolExecutor.class) && !takesThreadFactory
                        || owner.isEquivalentTo(Executors.class)
                                && (name.endsWith("ThreadFactory") || name.startsWith("new") && !takesThreadFactory)
                        || owner.isEquivalentTo(ForkJoinPool.class) && name.equals("commonPool")
                        || owner.isEquivalentTo(CompletableFuture.class) && name.endsWith("Async") && !takesExecutor
                        || owner.isAssignableTo(Collection.class) && name.equals("parallelStream")
                        || owner.isAssignableTo(BaseStream.class) && name.equals("parallel");
            });
}
