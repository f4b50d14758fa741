package io.github.flickrbackup.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.flickrbackup.source.SessionProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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
    List<String> dependencies = declaredDependencies(corePom());

    // core has dependencies of its own; none found would mean the pom was not read properly
    assertThat(dependencies).as("dependencies declared in core's pom").isNotEmpty()
        .noneMatch(d -> d.contains("selenium"));
  }

  /**
   * Core's pom as users get it: from its jar ({@code META-INF/maven}), or, when a reactor build
   * puts core's classes folder on the class path instead, from the module folder that holds
   * {@code target/classes}. Fails rather than skipping the check when neither is there.
   */
  private static byte[] corePom() throws Exception {
    Path location = coreJar();
    if (Files.isDirectory(location)) {
      Path pom = location.resolveSibling("..").resolve("pom.xml").normalize();
      assertThat(pom).as("core's pom next to its classes folder %s", location).isRegularFile();
      return Files.readAllBytes(pom);
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      JarEntry pom = jar.getJarEntry("META-INF/maven/io.github.flickrbackup/flickrbackup-core/pom.xml");
      assertThat(pom).as("core's pom inside %s", location).isNotNull();
      try (InputStream in = jar.getInputStream(pom)) {
        return in.readAllBytes();
      }
    }
  }

  /**
   * {@code groupId:artifactId} of each dependency the pom declares for users, in the project or a
   * profile (not in dependencyManagement, nor a plugin's own dependencies).
   */
  private static List<String> declaredDependencies(byte[] pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element project = factory.newDocumentBuilder().parse(new ByteArrayInputStream(pom)).getDocumentElement();
    List<String> out = new ArrayList<>();
    NodeList all = project.getElementsByTagName("dependency");
    for (int i = 0; i < all.getLength(); i++) {
      Element d = (Element) all.item(i);
      String owner = d.getParentNode().getParentNode().getNodeName();
      if (owner.equals("project") || owner.equals("profile")) {
        out.add(text(d, "groupId") + ":" + text(d, "artifactId"));
      }
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
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
