package io.wharf.auth.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The library check reads every prefix htpasswd files hold and cuts long passwords as htpasswd does. */
class BcryptCheckTest {
    @Test
    void checksAllThreePrefixesWithOneVerifier() {
        BcryptCheck check = BcryptCheck.library();
        for (BCrypt.Version version : new BCrypt.Version[]{BCrypt.Version.VERSION_2A, BCrypt.Version.VERSION_2B, BCrypt.Version.VERSION_2Y}) {
            String hash = BCrypt.with(version).hashToString(4, "pw".toCharArray());
            assertThat(check.matches("pw".getBytes(StandardCharsets.UTF_8), hash)).as(hash).isTrue();
            assertThat(check.matches("pW".getBytes(StandardCharsets.UTF_8), hash)).as(hash).isFalse();
        }
    }

    @Test
    void dummyHashesHaveTheAskedCostAndAreMadeOncePerCost() {
        assertThat(DummyHash.ofCost(4)).startsWith("$2y$04$").hasSize(60).isSameAs(DummyHash.ofCost(4));
        assertThat(DummyHash.ofCost(6)).startsWith("$2y$06$");
    }
}
