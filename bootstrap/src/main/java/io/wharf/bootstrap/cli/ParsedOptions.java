package io.wharf.bootstrap.cli;

import java.util.Map;

/** A command's options: the configuration every command takes, and the command's own ({@code --endpoint}, …). */
record ParsedOptions(CommandLine.Configuration configuration, Map<String, String> extra) {
}
