package io.github.flickrbackup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
   * The help footer's blocks as a man page wants them. picocli writes each as a paragraph with
   * hard line breaks, which loses the indentation its columns need (troff drops leading blanks)
   * and wraps them anew. Here a block that starts with a heading ("Environment:") becomes a
   * section of its own, its lines a literal (preformatted) block; an indented block (the exit
   * statuses) becomes a literal block; prose stays a paragraph.
   *
   * @param adoc picocli's AsciiDoc
   * @return the same page with those blocks rewritten
   */
  static String sections(String adoc) {
    List<String> out = new ArrayList<>();
    List<String> lines = adoc.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("==  ") && line.endsWith(":")) {
        out.add("== " + line.substring(4, line.length() - 1)); // "==  Exit status:"
        continue;
      }
      if (!line.equals("[%hardbreaks]")) {
        out.add(line);
        continue;
      }
      List<String> block = new ArrayList<>();
      while (i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
        block.add(lines.get(++i));
      }
      boolean headed = !block.isEmpty() && block.get(0).endsWith(":") && !block.get(0).startsWith(" ");
      List<String> body = headed ? block.subList(1, block.size()) : block;
      boolean indented = !body.isEmpty() && body.stream().allMatch(l -> l.startsWith("  "));
      if (headed && indented) {
        String heading = block.get(0);
        out.add("== " + heading.substring(0, heading.length() - 1));
        out.add("");
      }
      if (indented) {
        out.add("....");
        body.forEach(l -> out.add(l.substring(2)));
        out.add("....");
      } else {
        out.add(String.join(" ", block));
      }
    }
    return String.join("\n", out) + "\n";
  }

  /**
   * @param args the AsciiDoc file to write, then optionally the troff file to make from it
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path adoc = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(adoc.getParent());
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    CommandSpec spec = FlickrBackupCli.commandLine(Env.system(CoreEngine::new), none, none).getCommandSpec();
    StringWriter generated = new StringWriter();
    try (PrintWriter pw = new PrintWriter(generated)) {
      ManPageGenerator.writeSingleManPage(pw, spec);
    }
    Files.writeString(adoc, sections(generated.toString()), StandardCharsets.UTF_8);
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
