package io.github.flickrbackup.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Groups the options in {@code --help} and the man page under headings, the way the Python
 * tool's users think of them: the modes (an annotated, exclusive group in {@link BackupOptions}),
 * what to back up, where and how it is stored, how the run behaves, the Flickr account, and
 * what is printed.
 *
 * <p><b>To put a new option in a group, give it an {@code order} in that group's range</b> (see
 * {@link #GROUPS}): {@code @Option(names = "--mirror", order = 210, ...)} lands under "Where and
 * how it is stored", after the options with lower numbers. An option without an order (or with
 * one outside every range) is listed under "Other options", so that nothing is ever hidden; a
 * new mode goes into {@link BackupOptions.Mode}. The options stay plain fields of
 * {@link BackupOptions}: the groups only change how help is laid out ({@code validate = false},
 * never exclusive), not how anything is parsed.
 */
final class HelpGroups {
  /**
   * A heading and the {@code order} values it covers.
   *
   * @param heading the heading, picocli format ({@code %n} for a newline)
   * @param from lowest order, inclusive
   * @param to highest order, inclusive
   */
  record Group(String heading, int from, int to) {
    boolean covers(OptionSpec option) {
      return option.order() >= from && option.order() <= to;
    }
  }

  /** The groups, in the order help shows them (after the modes). */
  static final List<Group> GROUPS = List.of(
      new Group("%nWhat to back up:%n", 100, 199),
      new Group("%nWhere and how it is stored:%n", 200, 299),
      new Group("%nHow the run behaves:%n", 300, 399),
      new Group("%nFlickr account and API key:%n", 400, 499),
      new Group("%nOutput:%n", 500, 599));

  private static final String OTHER = "%nOther options:%n";

  private HelpGroups() {}

  /**
   * Moves the command's ungrouped options into the groups of {@link #GROUPS} (and the rest,
   * {@code --help} and {@code --version} included, into "Other options").
   *
   * @param spec the command, as built from its annotations
   * @return the same command
   */
  static CommandSpec apply(CommandSpec spec) {
    List<OptionSpec> loose = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.group() == null) {
        loose.add(o);
      }
    }
    for (Group g : GROUPS) {
      List<OptionSpec> members = loose.stream().filter(g::covers)
          .sorted(java.util.Comparator.comparingInt(OptionSpec::order)).toList();
      add(spec, g.heading(), members);
      loose.removeAll(members);
    }
    add(spec, OTHER, loose);
    spec.usageMessage().optionListHeading("");
    return spec;
  }

  private static void add(CommandSpec spec, String heading, List<OptionSpec> members) {
    if (members.isEmpty()) {
      return;
    }
    ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading).exclusive(false).validate(false)
        .multiplicity("0..1");
    for (OptionSpec o : members) {
      spec.remove(o);
      group.addArg(o);
    }
    spec.addArgGroup(group.build());
  }
}
