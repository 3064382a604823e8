package org.jswan.whack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * getopt_long(3) with an empty short-option string, as whack calls it: long options only, each
 * abbreviable to any unambiguous prefix (an exact spelling always wins), the argument either
 * {@code --opt value} or {@code --opt=value}, non-options permuted to the end, {@code --} ending
 * the options. The diagnostics are glibc's; whack adds nothing and exits 1. Arguments may be
 * inserted at the scan position ({@code --optionsfrom}).
 */
final class ArgScanner {
    private static final String PROG = "whack";

    /** One option found: what it is, how the table spells it, and its argument or null. */
    record Match(WhackOption option, String spelled, String argument) {
    }

    private final List<String> args;
    private final List<String> nonOptions = new ArrayList<>();
    private int next;
    private boolean optionsEnded;

    ArgScanner(List<String> args) {
        this.args = new ArrayList<>(args);
    }

    /** The next option, or null when the arguments are exhausted. */
    Match next() throws WhackExit {
        while (next < args.size()) {
            String a = args.get(next);
            if (optionsEnded) {
                nonOptions.add(a);
                next++;
            } else if (a.equals("--")) {
                optionsEnded = true;
                next++;
            } else if (a.startsWith("--")) {
                next++;
                return longOption(a.substring(2));
            } else if (a.startsWith("-") && a.length() > 1) {
                throw WhackExit.error(1, PROG + ": invalid option -- '" + a.charAt(1) + "'");
            } else {
                nonOptions.add(a);
                next++;
            }
        }
        return null;
    }

    private Match longOption(String body) throws WhackExit {
        int eq = body.indexOf('=');
        String typed = eq < 0 ? body : body.substring(0, eq);
        WhackOption.Spelling s = resolve(typed, body);
        WhackOption o = s.option();
        if (!o.takesArgument()) {
            if (eq >= 0) {
                throw WhackExit.error(1, PROG + ": option '--" + s.name() + "' doesn't allow an argument");
            }
            return new Match(o, s.name(), null);
        }
        if (eq >= 0) {
            return new Match(o, s.name(), body.substring(eq + 1));
        }
        if (next >= args.size()) {
            throw WhackExit.error(1, PROG + ": option '--" + s.name() + "' requires an argument");
        }
        return new Match(o, s.name(), args.get(next++));
    }

    /** Exact spelling first; else the one option all prefix matches stand for. */
    static WhackOption.Spelling resolve(String typed, String body) throws WhackExit {
        List<WhackOption.Spelling> candidates = new ArrayList<>();
        Set<WhackOption> distinct = new LinkedHashSet<>();
        for (WhackOption.Spelling s : WhackOption.table()) {
            if (s.name().equals(typed)) {
                return s;
            }
            if (!typed.isEmpty() && s.name().startsWith(typed)) {
                candidates.add(s);
                distinct.add(s.option());
            }
        }
        if (candidates.isEmpty()) {
            throw WhackExit.error(1, PROG + ": unrecognized option '--" + body + "'");
        }
        // glibc: several matches are ambiguous only if they differ in what they stand for.
        if (distinct.size() > 1) {
            StringBuilder sb = new StringBuilder(PROG + ": option '--" + body + "' is ambiguous; possibilities:");
            for (WhackOption.Spelling s : candidates) {
                sb.append(" '--").append(s.name()).append('\'');
            }
            throw WhackExit.error(1, sb.toString());
        }
        return candidates.get(0);
    }

    /** Puts {@code more} right after the option just returned (and its argument). */
    void insertHere(List<String> more) {
        args.addAll(next, more);
    }

    /** The arguments that were not options, in order. */
    List<String> nonOptions() {
        return nonOptions;
    }
}
