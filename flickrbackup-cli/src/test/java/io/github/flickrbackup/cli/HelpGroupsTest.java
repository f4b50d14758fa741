package io.github.flickrbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Help groups the options by their order, and the groups change nothing about parsing. */
class HelpGroupsTest {
  @TempDir Path home;

  @Test
  void helpListsTheGroupsInOrderWithEachOptionUnderItsHeadingAndEndsWithExamples() {
    Cli.Run r = Cli.run(Cli.env(home, Map.of()), "--help");
    assertThat(r.status()).isZero();
    String help = r.out();
    List<String> headings = List.of("Modes (at most one", "What to back up:", "Where and how it is stored:",
        "How the run behaves:", "Flickr account and API key:", "Output:", "Other options:", "Exit status:",
        "Examples:");
    int last = -1;
    for (String h : headings) {
      int at = help.indexOf(h);
      assertThat(at).as("%s after the previous heading in%n%s", h, help).isGreaterThan(last);
      last = at;
    }
    assertThat(between(help, "Modes (", "What to back up:")).contains("--from=DATE", "--download=FILE", "--demo");
    assertThat(between(help, "What to back up:", "Where and how")).contains("--favorites", "--keep-existing", "--mirror", "--max-delete")
        .doesNotContain("--threads");
    assertThat(between(help, "Where and how", "How the run")).contains("--store-once", "--error-file",
        "--json-metadata", "--xmp", "--xmp-naming", "--attic");
    assertThat(between(help, "How the run", "Flickr account")).contains("--retry", "--threads", "--dry-run",
        "--web-session", "--repair", "--export-date");
    assertThat(between(help, "Flickr account", "Output:")).contains("--api-key", "--config", "--token-cache",
        "--endpoint");
    assertThat(between(help, "Output:", "Other options:")).contains("--verbose", "--log-file", "--json",
        "--stacktrace");
    assertThat(between(help, "Other options:", "Exit status:")).contains("--help", "--version");
    assertThat(help).doesNotContain("%nOptions:%n".formatted());
    List<String> lines = help.lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("  flickrbackup -d ");
    assertThat(lines.subList(lines.size() - 4, lines.size() - 1)).first().isEqualTo("Examples:");
  }

  @Test
  void groupedOptionsParseAsBefore() {
    Cli.Run r = Cli.run(Cli.env(home, Map.of()), "--threads", "0", "photos");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("--threads must be between 1 and 64, not 0");
  }

  @Command(name = "t", mixinStandardHelpOptions = true)
  static final class Sample {
    @Option(names = "--grouped", order = 250, description = "in a group") boolean grouped;
    @Option(names = "--new", description = "no order yet") boolean fresh;
  }

  @Test
  void anOptionWithoutAnOrderIsListedUnderOtherOptionsAndOneWithAnOrderUnderItsGroup() {
    Sample sample = new Sample();
    CommandLine cmd = new CommandLine(sample);
    HelpGroups.apply(cmd.getCommandSpec());
    String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(between(help, "Where and how it is stored:", "Other options:")).contains("--grouped");
    assertThat(help.substring(help.indexOf("Other options:"))).contains("--new", "--help");
    cmd.parseArgs("--grouped", "--new");
    assertThat(sample.grouped).isTrue();
    assertThat(sample.fresh).isTrue();
  }

  private static String between(String text, String from, String to) {
    int a = text.indexOf(from);
    int b = text.indexOf(to, a);
    assertThat(a).as(from).isNotNegative();
    assertThat(b).as(to).isGreaterThan(a);
    return text.substring(a, b);
  }
}
