package io.wharf.auth.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache of accepted passwords: bounded, least recently used out first, bound to a hash. */
class VerifiedPasswordsTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysHoldNoPasswordAndDifferByUserAndPassword() {
        VerifiedPasswords cache = new VerifiedPasswords(10);
        VerifiedPasswords.Key key = cache.key("alice", utf8("hunter2"));
        assertThat(key).isEqualTo(cache.key("alice", utf8("hunter2")));
        assertThat(key).isNotEqualTo(cache.key("bob", utf8("hunter2")));
        assertThat(key).isNotEqualTo(cache.key("alice", utf8("hunter3")));
        assertThat(key.passwordMac()).hasSize(64).doesNotContain("hunter2");
        assertThat(key.toString()).doesNotContain(key.passwordMac());
        assertThat(new VerifiedPasswords(10).key("alice", utf8("hunter2")))
                .as("another process, another HMAC key").isNotEqualTo(key);
    }

    @Test
    void confirmsOnlyAgainstTheHashItWasAcceptedWith() {
        VerifiedPasswords cache = new VerifiedPasswords(10);
        VerifiedPasswords.Key key = cache.key("alice", utf8("pw"));
        assertThat(cache.confirms(key, "$2y$05$old")).isFalse();
        cache.remember(key, "$2y$05$old");
        assertThat(cache.confirms(key, "$2y$05$old")).isTrue();
        assertThat(cache.confirms(key, "$2y$05$new")).isFalse();
    }

    @Test
    void dropsTheLeastRecentlyUsedEntryWhenFull() {
        VerifiedPasswords cache = new VerifiedPasswords(2);
        VerifiedPasswords.Key a = cache.key("a", utf8("pw"));
        VerifiedPasswords.Key b = cache.key("b", utf8("pw"));
        VerifiedPasswords.Key c = cache.key("c", utf8("pw"));
        cache.remember(a, "ha");
        cache.remember(b, "hb");
        assertThat(cache.confirms(a, "ha")).isTrue();
        cache.remember(c, "hc");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.confirms(b, "hb")).as("b was used least recently").isFalse();
        assertThat(cache.confirms(a, "ha")).isTrue();
        assertThat(cache.confirms(c, "hc")).isTrue();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new VerifiedPasswords(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
