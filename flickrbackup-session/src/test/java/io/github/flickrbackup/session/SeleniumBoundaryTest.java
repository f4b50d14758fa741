package io.github.flickrbackup.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.flickrbackup.source.SessionProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Selenium lives in this module only: core (imported from its jar, as users get it) never
 * references it, and this module's public package does not show it to callers.
 */
class SeleniumBoundaryTest {

  @Test
  void coreNeverReferencesSelenium() throws Exception {
    Path location = coreJar();
    JavaClasses core;
    if (Files.isDirectory(location)) {
      core = new ClassFileImporter().importPath(location);
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        core = new ClassFileImporter().importJar(jar);
      }
    }

    assertThat(core.stream().map(c -> c.getPackageName())).contains("io.github.flickrbackup.source");
    noClasses().should().dependOnClassesThat().resideInAPackage("org.openqa.selenium..")
        .because("core must work without a browser; Selenium belongs to flickrbackup-session")
        .check(core);
    noClasses().should().dependOnClassesThat().resideInAPackage("io.github.flickrbackup.session..")
        .because("the session module depends on core, never the other way round")
        .check(core);
  }

  @Test
  void coreDoesNotDependOnSeleniumInItsPom() throws Exception {
    try (JarFile jar = new JarFile(coreJar().toFile())) {
      JarEntry pom = jar.getJarEntry("META-INF/maven/io.github.flickrbackup/flickrbackup-core/pom.xml");
      if (pom == null) {
        // Run against core's classes folder (a reactor build): its pom is next to it.
        return;
      }
      try (InputStream in = jar.getInputStream(pom)) {
        assertThat(new String(in.readAllBytes(), UTF_8)).doesNotContain("selenium");
      }
    } catch (IOException notAJar) {
      // core came from a classes folder; the class rule above still holds the boundary
    }
  }

  @Test
  void thePublicApiOfThisModuleHidesSelenium() {
    JavaClasses session = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.flickrbackup.session");

    noClasses().that().resideInAPackage("io.github.flickrbackup.session")
        .should().dependOnClassesThat().resideInAPackage("org.openqa.selenium..")
        .because("the CLI and other callers code against this package without Selenium on their compile path")
        .check(session);
  }

  private static Path coreJar() throws URISyntaxException {
    return Path.of(SessionProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
