package dev.holdfast.backup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the engine's layers apart: dumb backends, repository internals hidden, no Spring anywhere. */
class LayeringTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("dev.holdfast.backup");
    }

    @Test
    void backendsKnowNothingOfRepositories() {
        noClasses().that().resideInAPackage("dev.holdfast.backup.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.holdfast.backup.repository..",
                        "dev.holdfast.backup.archiver..", "dev.holdfast.backup.restorer..",
                        "dev.holdfast.backup.checker..")
                .check(classes);
    }

    @Test
    void repositoryInternalsAreUsedOnlyByTheRepository() {
        noClasses().that().resideOutsideOfPackage("dev.holdfast.backup.repository..")
                .should().dependOnClassesThat().resideInAPackage("dev.holdfast.backup.repository.internal..")
                .check(classes);
    }

    @Test
    void nothingUsesSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(classes);
    }
}
