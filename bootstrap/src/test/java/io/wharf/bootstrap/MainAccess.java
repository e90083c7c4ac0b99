package io.wharf.bootstrap;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Lets tests of other packages run the command line as the process would, with their own streams. */
public final class MainAccess {
    private MainAccess() {
    }

    public static int run(String[] args, OutputStream out, OutputStream err) throws InterruptedException {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
