package org.jswan.pluto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A command line parsed the way {@code getopt_long(3)} with no short options parses it, as pluto
 * does: {@code --name}, {@code --name=value} or {@code --name value}; any unambiguous prefix of
 * a name is accepted, and an exact name wins over longer names it is a prefix of
 * ({@code --debug-control} is not {@code --debug-controlmore}).
 *
 * <p>The option named by {@code optionsFromName} inserts the arguments of its file right after
 * itself, where parsing continues (facts §1.8); it may nest, up to 100 times.
 */
final class LongOptions {
    /** One option: its full name (without {@code --}) and whether it takes an argument. */
    record Spec(String name, boolean takesArg) {
    }

    /** One option as it appeared, with its argument (or null). */
    record Occurrence(Spec spec, String value) {
        String name() {
            return spec.name();
        }
    }

    /** What a command line came to: the options in order, and the line with files expanded. */
    record Parsed(List<Occurrence> occurrences, List<String> expanded) {
    }

    static final int MAX_OPTIONSFROM = 100;

    private final String program;
    private final List<Spec> specs;
    private final Set<String> exactOnly;
    private final String optionsFromName;

    /**
     * @param exactOnly names that are never matched by a prefix (internal options)
     */
    LongOptions(String program, List<Spec> specs, Set<String> exactOnly, String optionsFromName) {
        this.program = program;
        this.specs = List.copyOf(specs);
        this.exactOnly = Set.copyOf(exactOnly);
        this.optionsFromName = optionsFromName;
    }

    Parsed parse(List<String> argv) throws UsageException {
        Deque<String> rest = new ArrayDeque<>(argv);
        List<Occurrence> out = new ArrayList<>();
        List<String> expanded = new ArrayList<>();
        int optionsFromCalls = 0;
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            if (arg.equals("--")) {
                if (!rest.isEmpty()) {
                    throw usage("unexpected argument \"" + rest.getFirst() + "\"");
                }
                break;
            }
            if (!arg.startsWith("--")) {
                throw usage(arg.startsWith("-") && arg.length() > 1
                        ? "unrecognized option \"" + arg + "\""
                        : "unexpected argument \"" + arg + "\"");
            }
            String body = arg.substring(2);
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                value = body.substring(eq + 1);
                body = body.substring(0, eq);
            }
            Spec spec = lookup(body, arg);
            if (spec.takesArg() && value == null) {
                if (rest.isEmpty()) {
                    throw usage("option \"--" + spec.name() + "\" requires an argument");
                }
                value = rest.removeFirst();
            } else if (!spec.takesArg() && value != null) {
                throw usage("option \"--" + spec.name() + "\" doesn't allow an argument");
            }
            if (spec.name().equals(optionsFromName)) {
                if (++optionsFromCalls > MAX_OPTIONSFROM) {
                    throw new UsageException(2, program + ": optionsfrom called " + optionsFromCalls
                            + " times, looping?");
                }
                List<String> inserted = OptionsFile.read(value);
                for (int i = inserted.size() - 1; i >= 0; i--) {
                    rest.addFirst(inserted.get(i));
                }
                continue;
            }
            out.add(new Occurrence(spec, value));
            expanded.add("--" + spec.name());
            if (spec.takesArg()) {
                expanded.add(value);
            }
        }
        return new Parsed(out, expanded);
    }

    private Spec lookup(String body, String arg) throws UsageException {
        List<Spec> matches = new ArrayList<>();
        for (Spec s : specs) {
            if (s.name().equals(body)) {
                return s;
            }
            if (!body.isEmpty() && s.name().startsWith(body) && !exactOnly.contains(s.name())) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw usage("unrecognized option \"" + arg + "\"");
        }
        StringBuilder sb = new StringBuilder("option \"" + arg + "\" is ambiguous; possibilities:");
        for (Spec s : matches) {
            sb.append(" --").append(s.name());
        }
        throw usage(sb.toString());
    }

    private UsageException usage(String what) {
        return new UsageException(1, program + ": " + what);
    }
}
