package io.github.flickrbackup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the manual page as AsciiDoc from the command exactly as the program builds it (with
 * its {@link HelpGroups}, which picocli's own generator, given only the class, would not see),
 * and converts it to troff with asciidoctor's manpage backend. The build runs it before
 * packaging ({@code target/man/flickrbackup.adoc} and {@code target/man/flickrbackup.1}, which
 * the install folder ships as {@code share/man/man1/flickrbackup.1}); the {@code docs} profile
 * writes {@code docs/flickrbackup.adoc}. A test class, so that picocli-codegen and AsciidoctorJ
 * stay out of the jar.
 */
public final class ManPage {
  private ManPage() {}

  /**
   * @param args the AsciiDoc file to write, then optionally the troff file to make from it
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path adoc = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(adoc.getParent());
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandSpec spec = FlickrBackupCli.commandLine(Env.system(CoreEngine::new), none, none).getCommandSpec();
    try (PrintWriter pw = new PrintWriter(Files.newBufferedWriter(adoc, StandardCharsets.UTF_8))) {
      ManPageGenerator.writeSingleManPage(pw, spec);
    }
    if (args.length > 1) {
      Path man = Path.of(args[1]).toAbsolutePath();
      Files.createDirectories(man.getParent());
      try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
        asciidoctor.convertFile(adoc.toFile(), Options.builder().backend("manpage").safe(SafeMode.UNSAFE)
            .toFile(man.toFile()).build());
      }
      if (!Files.isRegularFile(man) || Files.size(man) == 0) {
        throw new IOException("asciidoctor made no manual page at " + man);
      }
    }
  }
}
