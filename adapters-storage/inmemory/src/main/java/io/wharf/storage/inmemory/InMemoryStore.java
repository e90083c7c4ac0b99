package io.wharf.storage.inmemory;

import io.wharf.domain.port.PathNotFoundException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The objects of one in-memory storage, by path. Driver instances made around the same store see the
 * same objects, as registry instances sharing one bucket would.
 *
 * <p>Paths are kept sorted, so a directory is simply the key range {@code [dir + "/", dir + "0")}
 * ('0' follows '/'), and there are no directory entries to keep in step. Reads go straight to the
 * concurrent map; changes that check before they write take one lock, so for example no object can
 * appear under a path that has just become an object. (A {@link ReentrantLock} rather than
 * {@code synchronized} so virtual threads on JDK 21 are not pinned.)
 */
final class InMemoryStore {
    private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final ReentrantLock changes = new ReentrantLock();

    StoredObject get(String path) {
        return objects.get(path);
    }

    /** Stores {@code bytes}, which the caller must not modify afterwards. */
    void put(String path, byte[] bytes) throws IOException {
        changes.lock();
        try {
            requireCreatable(path);
            objects.put(path, new StoredObject(bytes, Instant.now()));
        } finally {
            changes.unlock();
        }
    }

    /** Moves an object, keeping its modification time as a rename would. */
    void move(String from, String to) throws IOException {
        changes.lock();
        try {
            StoredObject moving = objects.get(from);
            if (moving == null) {
                throw new PathNotFoundException(from);
            }
            if (from.equals(to)) {
                return;
            }
            requireCreatable(to);
            // put first: the bytes are never absent from both paths
            objects.put(to, moving);
            objects.remove(from);
        } finally {
            changes.unlock();
        }
    }

    /** Deletes the object or every object under the directory {@code path}. */
    void delete(String path) throws PathNotFoundException {
        changes.lock();
        try {
            boolean removed = objects.remove(path) != null;
            NavigableMap<String, StoredObject> below = under(path);
            if (!below.isEmpty()) {
                below.clear();
                removed = true;
            }
            if (!removed) {
                throw new PathNotFoundException(path);
            }
        } finally {
            changes.unlock();
        }
    }

    /** Removes the object if there is one; what cancelling a writer needs. */
    void discard(String path) {
        objects.remove(path);
    }

    /** Full paths of the direct children of {@code directory} ("/" for the root), sorted; empty if it has none. */
    List<String> children(String directory) {
        String prefix = directory.equals("/") ? "/" : directory + "/";
        TreeSet<String> children = new TreeSet<>();
        for (String key : under(directory).keySet()) {
            int slash = key.indexOf('/', prefix.length());
            children.add(slash < 0 ? key : key.substring(0, slash));
        }
        return new ArrayList<>(children);
    }

    private NavigableMap<String, StoredObject> under(String directory) {
        if (directory.equals("/")) {
            return objects;
        }
        return objects.subMap(directory + "/", true, directory + "0", false);
    }

    /** What a filesystem would refuse: an object below an object, or an object replacing a directory. */
    private void requireCreatable(String path) throws IOException {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            if (objects.containsKey(ancestor)) {
                throw new IOException("cannot store " + path + ": " + ancestor + " is an object, not a directory");
            }
        }
        if (!under(path).isEmpty()) {
            throw new IOException("cannot store " + path + ": it is a directory");
        }
    }
}
