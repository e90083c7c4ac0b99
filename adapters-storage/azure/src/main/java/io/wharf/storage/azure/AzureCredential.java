package io.wharf.storage.azure;

/**
 * How the driver authenticates: exactly one form is configured. {@code toString} never shows a secret,
 * so a credential can appear in logs and exception messages safely.
 */
sealed interface AzureCredential {

    /** Whether the driver can sign its own read-only SAS URLs, i.e. it holds the account key. */
    boolean canSign();

    /** {@code accountname} + {@code accountkey}: Shared Key, and the key signs redirect URLs. */
    record SharedKey(String accountName, String accountKey) implements AzureCredential {
        @Override
        public boolean canSign() {
            return true;
        }

        @Override
        public String toString() {
            return "SharedKey[accountName=" + accountName + "]";
        }
    }

    /**
     * A SAS token from {@code sastoken}. It is never handed to clients: it usually grants write and
     * delete on the whole container, so this form offers no redirects.
     */
    record SasToken(String token) implements AzureCredential {
        @Override
        public boolean canSign() {
            return false;
        }

        @Override
        public String toString() {
            return "SasToken[***]";
        }
    }

    /** {@code connectionstring}; it signs redirects when it carries an {@code AccountKey}. */
    record ConnectionString(String value, boolean hasAccountKey, String sasToken) implements AzureCredential {
        @Override
        public boolean canSign() {
            return hasAccountKey;
        }

        @Override
        public String toString() {
            return "ConnectionString[***]";
        }
    }
}
