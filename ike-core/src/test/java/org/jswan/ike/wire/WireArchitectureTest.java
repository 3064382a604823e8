package org.jswan.ike.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The codec is pure: JDK and {@code org.jswan.ike.base} only, no mutable static state, no I/O. */
@AnalyzeClasses(packages = "org.jswan.ike.wire", importOptions = ImportOption.DoNotIncludeTests.class)
class WireArchitectureTest {
    @ArchTest
    static final ArchRule dependsOnTheJdkCoreAndBaseOnly = classes().that().resideInAPackage("org.jswan.ike.wire")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.jswan.ike.wire", "org.jswan.ike.base",
                    "java.lang", "java.lang.invoke", "java.util", "java.util.function");

    @ArchTest
    static final ArchRule noMutableStaticState = fields().that().areDeclaredInClassesThat().resideInAPackage("org.jswan.ike.wire")
            .and().areStatic().should().beFinal();
}
