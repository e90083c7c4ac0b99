/**
 * Access control adapters: the htpasswd user directory, the policy file, JWT verification and
 * signing. The exported package holds the adapters bootstrap constructs from configuration.
 */
module io.wharf.auth {
    requires io.wharf.domain;
    requires bcrypt;
    requires org.yaml.snakeyaml;
    requires com.nimbusds.jose.jwt;
    requires com.google.crypto.tink;

    exports io.wharf.auth;
}
