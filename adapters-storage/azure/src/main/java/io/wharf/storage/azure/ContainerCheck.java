package io.wharf.storage.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;

import java.io.UncheckedIOException;

/**
 * The startup check: one cheap request that needs no permission beyond what the driver uses anyway
 * (list one blob), or creating the container when asked. Refused credentials and a missing container are
 * settings problems and are reported as such, naming the key; anything else (network) is an I/O failure.
 */
final class ContainerCheck {
    private ContainerCheck() {
    }

    static void run(AzureConnection azure, String credentialKey, AdapterSettings settings) {
        String operation = azure.settings().createContainer() ? "create container" : "list container";
        try {
            if (azure.settings().createContainer()) {
                azure.container().createIfNotExists();
            } else {
                azure.container().listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), null)
                        .iterableByPage().iterator().hasNext();
            }
        } catch (RuntimeException e) {
            String problem = AzureFailures.io(operation, azure.containerName(), null, e).getMessage();
            if (e instanceof BlobStorageException failure) {
                if (failure.getStatusCode() == 403 || failure.getStatusCode() == 401) {
                    throw new InvalidSettingException(settings.fullKey(credentialKey), "was refused: " + problem);
                }
                if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(failure.getErrorCode())) {
                    throw new InvalidSettingException(settings.fullKey(AzureStorageDriverFactory.CONTAINER),
                            "'" + azure.containerName() + "' does not exist; create it, or set "
                                    + settings.fullKey(AzureStorageDriverFactory.CREATE_CONTAINER) + ": true");
                }
            }
            throw new UncheckedIOException(AzureFailures.io(operation, azure.containerName(), null, e));
        }
    }
}
