package io.wharf.storage.filesystem;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/** {@code storage.driver: filesystem}; the one setting is {@code rootdirectory}, created if missing. */
public final class FilesystemStorageDriverFactory implements StorageDriverFactory {
    static final String ROOT_DIRECTORY = "rootdirectory";

    /** Public and argument-free because {@link java.util.ServiceLoader} instantiates it. */
    public FilesystemStorageDriverFactory() {
    }

    @Override
    public String name() {
        return FilesystemStorageDriver.NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(ROOT_DIRECTORY);
    }

    /** Creates the root directory now, so a wrong or unwritable path fails at startup naming its key. */
    @Override
    public StorageDriver create(AdapterSettings settings) {
        settings.rejectUnknown(settingKeys());
        String key = settings.fullKey(ROOT_DIRECTORY);
        String value = settings.requireString(ROOT_DIRECTORY).trim();
        if (value.isEmpty()) {
            throw new InvalidSettingException(key, "must not be empty");
        }
        Path root;
        try {
            root = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(key, "is not a usable path: " + e.getMessage());
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new InvalidSettingException(key, "cannot be created as a directory: " + e);
        }
        if (!Files.isWritable(root)) {
            throw new InvalidSettingException(key, "'" + root + "' is not writable");
        }
        return new FilesystemStorageDriver(root);
    }
}
