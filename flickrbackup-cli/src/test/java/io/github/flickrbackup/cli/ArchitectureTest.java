package io.github.flickrbackup.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line is bindings: it uses only core's public API, and never Selenium itself. */
class ArchitectureTest {
  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.github.flickrbackup.cli");

  @Test
  void usesOnlyThePublicApiOfTheOtherModules() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.flickrbackup..internal..")
        .check(CLI);
  }

  @Test
  void neverTouchesSeleniumDirectly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.openqa..").check(CLI);
  }

  @Test
  void holdsNoMutableStaticState() {
    // Options live in the command object (picocli's advice), never in statics shared by runs.
    fields().that().areStatic().should().beFinal().check(CLI);
  }

  @Test
  void doesNotTalkHttpItself() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "com.flickr4java..", "java.net.http..")
        .check(CLI);
  }
}
