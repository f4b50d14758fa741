package io.github.flickrbackup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.flickrbackup");
  }

  @Test
  void coreNeverImportsSeleniumOrPicocli() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.openqa.selenium..", "picocli..")
        .check(core);
  }

  @Test
  void holdsNoMutableStaticState() {
    // A static that tests set leaks from one test (or one plan) into the next: settings travel
    // in the plan and the source builder instead.
    fields().that().areStatic().should().beFinal().check(core);
  }

  @Test
  void takesNoSettingsFromSystemProperties() {
    // Every setting is on a builder, so two plans in one JVM never share a hidden knob.
    noClasses().should().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .check(core);
  }

  @Test
  void publicApiDoesNotExposeInternalTypes() {
    // Public packages may call into internal ones, but no public signature may mention them.
    for (var c : core) {
      if (c.getPackageName().contains(".internal") || !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
        continue;
      }
      for (var m : c.getMethods()) {
        if (!m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
          continue;
        }
        for (var type : m.getParameterTypes()) {
          check(c.getName() + "." + m.getName(), type.toErasure().getPackageName());
        }
        check(c.getName() + "." + m.getName(), m.getRawReturnType().getPackageName());
      }
      for (var f : c.getFields()) {
        if (f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
          check(c.getName() + "." + f.getName(), f.getRawType().getPackageName());
        }
      }
    }
  }

  private static void check(String member, String packageName) {
    if (packageName.contains(".internal")) {
      throw new AssertionError(member + " exposes an internal type from " + packageName);
    }
  }
}
