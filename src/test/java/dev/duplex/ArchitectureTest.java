package dev.duplex;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

/**
 * duplex's layering, checked on the compiled main classes. From the bottom: {@code socket} (one
 * client's WebSocket, its outbox and meters), {@code json} and {@code config}; {@code auth} (signed
 * tokens and the identity they grant, and the sign-in), on {@code config} and {@code socket}; the
 * features {@code echo}, {@code rewrite} and {@code room}, and {@code api} on the rooms; {@code health} and {@code metrics}, which report
 * on them; the root package, which builds the application; and {@code web}, whose listener starts
 * it and registers every servlet and filter.
 */
@AnalyzeClasses(packages = "dev.duplex", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "dev.duplex";
    private static final String[] FEATURES = {"dev.duplex.echo..", "dev.duplex.rewrite..", "dev.duplex.room..",
        "dev.duplex.api.."};

    @ArchTest
    static final ArchRule socketDependsOnNoOtherDuplexPackage = classes()
            .that().resideInAPackage("dev.duplex.socket..")
            .should().onlyDependOnClassesThat(resideInAPackage("dev.duplex.socket..")
                    .or(resideOutsideOfPackage("dev.duplex..")))
            .because("socket carries any endpoint's messages: it takes plain values (sizes, durations, names), not"
                    + " Settings, and messages already encoded, so it needs neither config nor json, nor a feature");

    @ArchTest
    static final ArchRule authDependsOnConfigAndSocketAlone = classes()
            .that().resideInAPackage("dev.duplex.auth..")
            .should().onlyDependOnClassesThat(
                    resideInAnyPackage("dev.duplex.auth..", "dev.duplex.config..", "dev.duplex.socket..")
                    .or(resideOutsideOfPackage("dev.duplex..")))
            .because("auth turns a token into an Identity from AuthSettings and admits connections through the"
                    + " socket layer's Admittance; the handshake that asks and the rooms that obey the Identity"
                    + " depend on it, not the other way round");

    @ArchTest
    static final ArchRule featuresDoNotDependOnWebHealthOrTheRootPackage = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage("dev.duplex.web..", "dev.duplex.health..", ROOT)
            .because("a feature is handed what it needs by the root package, and is reported on by health, not the"
                    + " other way round");

    @ArchTest
    static final ArchRule onlyTheWebLayerDependsOnTheRootPackage = noClasses()
            .that().resideOutsideOfPackages(ROOT, "dev.duplex.web..")
            .should().dependOnClassesThat().resideInAPackage(ROOT)
            .because("the root package builds the application from every other part; the listener hands each"
                    + " servlet and filter what it needs, so none looks the application up");

    @ArchTest
    static final ArchRule servletsAndFiltersAreRegisteredByTheWebLayerOnly = classes()
            .that().areAssignableTo(Servlet.class).or().areAssignableTo(Filter.class)
            .should().onlyHaveDependentClassesThat().resideInAPackage("dev.duplex.web..")
            .because("the listener builds every servlet and filter (/metrics and /stats from metrics, /health from"
                    + " health) with what it needs and registers it; nothing else calls them");

    @ArchTest
    static final ArchRule metricsDependsOnNoFeature = classes()
            .that().resideInAPackage("dev.duplex.metrics..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("dev.duplex.metrics..", "dev.duplex.json..")
                    .or(resideOutsideOfPackage("dev.duplex..")))
            .because("metrics serves /metrics and /stats; meters are registered where they are measured, on the"
                    + " registry they are handed");

    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices()
            .matching("dev.duplex.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noPackageIsInACycle = slices()
            .matching("dev.duplex.(**)")
            .should().beFreeOfCycles()
            .because("a feature's parts (room, room.memory, room.redis) depend one way too");

    @ArchTest
    static final ArchRule theRoomEndpointKnowsNoGroupLayerButItsInterface = noClasses()
            .that().resideInAPackage("dev.duplex.room")
            .should().dependOnClassesThat().resideInAnyPackage("dev.duplex.room.memory..", "dev.duplex.room.redis..")
            .because("the endpoint calls RoomHub; which hub runs is the application's choice");

    @ArchTest
    static final ArchRule rootPackageIsInNoCycle = slices()
            .assignedFrom(TopLevelPackages.ROOT_INCLUDED)
            .should().beFreeOfCycles()
            .because("dev.duplex.(*).. leaves out the classes directly in dev.duplex");

    /** Each class in the slice of its top-level package; the root package's classes in one of their own. */
    private enum TopLevelPackages implements SliceAssignment {
        ROOT_INCLUDED;

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.", 2)[0]);
        }

        @Override
        public String getDescription() {
            return "duplex's top-level packages and its root package";
        }
    }
}
