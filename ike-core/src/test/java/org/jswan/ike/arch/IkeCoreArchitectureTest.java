package org.jswan.ike.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * STYLE habit 1: ike-core is deterministic and depends on the JDK alone. No sockets, threads,
 * clock reads, process exits or mutable static state; secrets leave {@code Secret} only in the
 * crypto package.
 */
@AnalyzeClasses(packages = "org.jswan.ike", importOptions = ImportOption.DoNotIncludeTests.class)
class IkeCoreArchitectureTest {

    @ArchTest
    static final ArchRule noSockets = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.nio.channels..", "javax.net..", "java.net.http..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.net\\..*(Socket|URL|URI|Datagram).*")
            .because("the engine is sans-IO");

    @ArchTest
    static final ArchRule javaNetOnlyForAddressLiterals = noClasses()
            .that().doNotHaveFullyQualifiedName("org.jswan.ike.base.IpAddress")
            .should().dependOnClassesThat().resideInAPackage("java.net..")
            .because("IpAddress alone converts to and from InetAddress, and only for numeric literals");

    @ArchTest
    static final ArchRule noThreads = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.util.concurrent..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .because("the daemon owns threads; the engine runs on its loop thread");

    @ArchTest
    static final ArchRule noClockReads = noClasses().should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .because("time comes in with every Input");

    @ArchTest
    static final ArchRule noExit = noClasses().should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class)
            .because("a packet path must never end the process");

    @ArchTest
    static final ArchRule noUnseededRandomness = noClasses().that().resideOutsideOfPackage("org.jswan.ike.base")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .because("randomness is injected (Rng)");

    @ArchTest
    static final ArchRule noMutableStatics = fields().that().areStatic().and().areNotFinal()
            .should().haveModifier(JavaModifier.FINAL)
            .because("two engines in one JVM must never see each other")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule secretBytesStayInCrypto = noClasses()
            .that().resideOutsideOfPackages("org.jswan.ike.crypto..", "org.jswan.ike.base..")
            .should().callMethod(org.jswan.ike.base.Secret.class, "expose")
            .because("STYLE habit 10: no getter hands out secret bytes");
}
