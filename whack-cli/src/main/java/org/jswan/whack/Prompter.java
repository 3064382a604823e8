package org.jswan.whack;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Where whack gets the answer to one of pluto's prompts (040 secret, 041 user name) when
 * {@code --xauthpass}/{@code --xauthuser} did not give it.
 */
interface Prompter {
    /** The line typed, without its newline; null at end of input. */
    String ask(String prompt, boolean secret);

    /**
     * The terminal when there is one (secrets not echoed), else a line of {@code in} with the
     * prompt on {@code err}.
     */
    static Prompter terminalOr(InputStream in, PrintStream err) {
        Console console = System.console();
        if (console != null) {
            return (prompt, secret) -> {
                if (secret) {
                    char[] pw = console.readPassword("%s", prompt);
                    return pw == null ? null : new String(pw);
                }
                return console.readLine("%s", prompt);
            };
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
        return (prompt, secret) -> {
            err.print(prompt);
            err.flush();
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        };
    }
}
