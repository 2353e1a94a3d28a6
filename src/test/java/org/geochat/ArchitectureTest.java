package org.geochat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows between geochat's packages, all pointing down: the composition root sees every feature, features
 * see what they are built on, and nothing sees the root. README.md's architecture section draws the same picture.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.geochat");

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.geochat.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesFollowTheNamedArrowsOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("root")
                .definedBy("org.geochat")
                .layer("ops")
                .definedBy("org.geochat.ops")
                .layer("cluster")
                .definedBy("org.geochat.chat.cluster")
                .layer("chat")
                .definedBy("org.geochat.chat")
                .layer("demo")
                .definedBy("org.geochat.demo")
                .layer("lookup")
                .definedBy("org.geochat.lookup")
                .layer("geoip")
                .definedBy("org.geochat.geoip")
                .layer("core")
                .definedBy("org.geochat.core")
                .layer("net")
                .definedBy("org.geochat.net")
                .whereLayer("root")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("ops")
                .mayOnlyAccessLayers("chat", "lookup", "geoip", "core", "net")
                .whereLayer("cluster")
                .mayOnlyAccessLayers("chat", "core")
                .whereLayer("chat")
                .mayOnlyAccessLayers("core", "net")
                .whereLayer("demo")
                .mayOnlyAccessLayers("core")
                .whereLayer("lookup")
                .mayOnlyAccessLayers("geoip", "core", "net")
                .whereLayer("geoip")
                .mayOnlyAccessLayers("core", "net")
                .whereLayer("core")
                .mayNotAccessAnyLayer()
                .whereLayer("net")
                .mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    @Test
    void everyClassLivesInANamedPackage() {
        noClasses()
                .should()
                .resideOutsideOfPackages(
                        "org.geochat",
                        "org.geochat.ops",
                        "org.geochat.chat",
                        "org.geochat.chat.cluster",
                        "org.geochat.demo",
                        "org.geochat.lookup",
                        "org.geochat.geoip",
                        "org.geochat.core",
                        "org.geochat.net")
                .because("a new package needs its place among the arrows above")
                .check(CLASSES);
    }

    @Test
    void namesSayTheRole() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .check(CLASSES);
    }
}
