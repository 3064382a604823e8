package org.jswan.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * getopt_long(3) with no short options, as FreeS/WAN's tools called it: {@code --name} or any
 * unambiguous prefix of it (an exact spelling wins), the argument as {@code --name value} or
 * {@code --name=value}, operands anywhere, {@code --} ending the options. A repeated option keeps
 * its last argument.
 */
final class LongOptions {
    /** An option the tool knows: its full name (without dashes) and whether it takes an argument. */
    record Spec(String name, boolean takesArgument) {
    }

    /** A command line that cannot be read; the message is the whole diagnostic, without the program. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** The options seen (name to argument, "" for a flag), in order, and the operands. */
    record Parsed(Map<String, String> options, List<String> operands) {
        boolean has(String name) {
            return options.containsKey(name);
        }

        String get(String name, String otherwise) {
            return options.getOrDefault(name, otherwise);
        }
    }

    private LongOptions() {
    }

    static Parsed parse(List<Spec> specs, List<String> args) throws UsageError {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (ended || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
            } else if (a.equals("--")) {
                ended = true;
            } else if (!a.startsWith("--")) {
                throw new UsageError("invalid option -- '" + a.charAt(1) + "'");
            } else {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                Spec s = resolve(specs, eq < 0 ? body : body.substring(0, eq));
                String value;
                if (!s.takesArgument()) {
                    if (eq >= 0) {
                        throw new UsageError("option '--" + s.name() + "' doesn't allow an argument");
                    }
                    value = "";
                } else if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageError("option '--" + s.name() + "' requires an argument");
                }
                options.remove(s.name());
                options.put(s.name(), value);
            }
        }
        return new Parsed(options, operands);
    }

    private static Spec resolve(List<Spec> specs, String typed) throws UsageError {
        List<Spec> prefixed = new ArrayList<>();
        for (Spec s : specs) {
            if (s.name().equals(typed)) {
                return s;
            }
            if (!typed.isEmpty() && s.name().startsWith(typed)) {
                prefixed.add(s);
            }
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.isEmpty()) {
            throw new UsageError("unrecognized option '--" + typed + "'");
        }
        StringBuilder sb = new StringBuilder("option '--" + typed + "' is ambiguous; possibilities:");
        for (Spec s : prefixed) {
            sb.append(" '--").append(s.name()).append('\'');
        }
        throw new UsageError(sb.toString());
    }
}
