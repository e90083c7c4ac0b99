package io.wharf.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes renames and new directory entries survive a crash, not only file contents. */
final class Durability {
    private Durability() {
    }

    /**
     * fsyncs {@code directory}, so a rename into it or a file created in it is on disk. Some platforms
     * (Windows) cannot open a directory; there the rename is still atomic, just not forced, so that
     * case is skipped. A failing fsync itself is reported.
     */
    static void syncDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException cannotOpenDirectories) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
