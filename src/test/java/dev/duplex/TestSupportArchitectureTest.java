package dev.duplex;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The direction between the test support and the benchmark, checked on the compiled test classes
 * (src/test and src/bench compile together, so nothing else would stop a dependency the wrong way).
 */
@AnalyzeClasses(packages = {"dev.duplex.testing", "dev.duplex.bench"}, importOptions = ImportOption.OnlyIncludeTests.class)
class TestSupportArchitectureTest {

    @ArchTest
    static final ArchRule testSupportDoesNotDependOnTheBenchmark = noClasses()
            .that().resideInAPackage("dev.duplex.testing..")
            .should().dependOnClassesThat().resideInAPackage("dev.duplex.bench..")
            .because("the benchmark builds on the test support (servers, Redis, the raw RFC 6455 client), and the"
                    + " tests must run without the benchmark");

    @ArchTest
    static final ArchRule theRawClientCodecStandsAlone = classes()
            .that().resideInAPackage("dev.duplex.testing.wire..")
            .should().onlyDependOnClassesThat(resideInAPackage("dev.duplex.testing.wire..")
                    .or(resideOutsideOfPackage("dev.duplex..")))
            .because("RawSocket and the benchmark's load client share it, each with its own way of doing I/O");
}
