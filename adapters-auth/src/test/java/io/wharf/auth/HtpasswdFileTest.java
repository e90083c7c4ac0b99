package io.wharf.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.wharf.auth.FileFixtures.ManualClock;
import io.wharf.auth.FileFixtures.RecordingLogger;
import io.wharf.auth.internal.BcryptCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

import static io.wharf.auth.FileFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The htpasswd user directory against a file written by {@code htpasswd -B -C 5} (Apache 2.4,
 * apache2-utils): the passwords below are the ones it was made with.
 */
class HtpasswdFileTest {
    static final String ALICE = "correct horse battery staple";
    static final String BOB = "p:ss wörd ☃ : über";
    /** 80 bytes: htpasswd -v accepts any password with the same first 72 bytes. */
    static final String DAVE = "0123456789".repeat(8);
    static final String ERIN = "erin";

    @TempDir
    Path dir;
    Path file;
    final ManualClock clock = new ManualClock();
    final RecordingLogger log = new RecordingLogger();
    /** The hashes bcrypt was asked to check against, in order. */
    final List<String> checked = new CopyOnWriteArrayList<>();
    final BcryptCheck counting = (password, hash) -> {
        checked.add(hash);
        return BcryptCheck.library().matches(password, hash);
    };

    @BeforeEach
    void writeFixture() throws IOException {
        file = dir.resolve("users.htpasswd");
        Files.writeString(file, FileFixtures.resource("users.htpasswd"));
    }

    HtpasswdFile open() {
        return new HtpasswdFile(file, counting, HtpasswdFile.CACHE_CAPACITY, clock, log);
    }

    static String bcrypt(BCrypt.Version version, String password) {
        return BCrypt.with(version).hashToString(4, password.toCharArray());
    }

    @Test
    void checksPasswordsHtpasswdWrote() {
        HtpasswdFile users = HtpasswdFile.open(file);
        assertThat(users.authenticate("alice", ALICE)).isTrue();
        assertThat(users.authenticate("alice", ALICE + " ")).isFalse();
        assertThat(users.authenticate("alice", BOB)).isFalse();
        assertThat(users.authenticate("Alice", ALICE)).as("user names are case-sensitive").isFalse();
        assertThat(users.authenticate("bob", BOB)).as("colons and non-ASCII, as UTF-8").isTrue();
        assertThat(users.authenticate("bob", "p:ss")).isFalse();
        assertThat(users.authenticate("bob", "p:ss word ☃ : uber")).isFalse();
        assertThat(users.authenticate("erin", ERIN)).isTrue();
        assertThat(users.authenticate("erin", "")).isFalse();
    }

    @Test
    void passwordsOver72BytesCountWithTheirFirst72AsInHtpasswd() {
        HtpasswdFile users = HtpasswdFile.open(file);
        assertThat(users.authenticate("dave", DAVE)).isTrue();
        assertThat(users.authenticate("dave", DAVE.substring(0, 72))).isTrue();
        assertThat(users.authenticate("dave", DAVE.substring(0, 72) + "a different tail")).isTrue();
        assertThat(users.authenticate("dave", DAVE.substring(0, 71))).isFalse();
        assertThat(users.authenticate("dave", "x" + DAVE.substring(1))).isFalse();
    }

    @Test
    void existsNamesTheUsersOfTheFile() {
        HtpasswdFile users = HtpasswdFile.open(file);
        assertThat(List.of("alice", "bob", "dave", "erin")).allMatch(users::exists);
        assertThat(users.exists("mallory")).isFalse();
        assertThat(users.exists("alice ")).isFalse();
    }

    @Test
    void anUnknownUserCostsOneBcryptCheckAtTheCostOfTheFilesUsers() {
        HtpasswdFile users = open();
        assertThat(users.authenticate("mallory", ALICE)).isFalse();
        assertThat(checked).hasSize(1);
        assertThat(checked.getFirst()).startsWith("$2y$05$");
        assertThat(FileFixtures.resource("users.htpasswd")).doesNotContain(checked.getFirst());
    }

    @Test
    void anAcceptedPasswordIsCheckedByBcryptOnlyOnce() {
        HtpasswdFile users = open();
        for (int i = 0; i < 3; i++) {
            assertThat(users.authenticate("alice", ALICE)).isTrue();
        }
        assertThat(checked).hasSize(1);
        assertThat(users.authenticate("bob", BOB)).isTrue();
        assertThat(users.authenticate("bob", BOB)).isTrue();
        assertThat(checked).hasSize(2);
    }

    @Test
    void refusedPasswordsAreNeverCached() {
        HtpasswdFile users = open();
        assertThat(users.authenticate("alice", "guess")).isFalse();
        assertThat(users.authenticate("alice", "guess")).isFalse();
        assertThat(checked).hasSize(2);
        assertThat(users.authenticate("alice", ALICE)).isTrue();
        assertThat(users.authenticate("alice", "guess")).as("a cached password for the user does not help another").isFalse();
        assertThat(checked).hasSize(4);
    }

    @Test
    void theCacheKeyIsUserAndPassword() throws IOException {
        String shared = "same for both";
        Files.writeString(file, "u1:" + bcrypt(BCrypt.Version.VERSION_2Y, shared) + "\nu2:" + bcrypt(BCrypt.Version.VERSION_2Y, "other") + "\n");
        HtpasswdFile users = open();
        assertThat(users.authenticate("u1", shared)).isTrue();
        assertThat(users.authenticate("u2", shared)).isFalse();
    }

    @Test
    void acceptsEveryBcryptPrefixCommentsBlankLinesAndCrlf() throws IOException {
        Files.writeString(file, "# made by hand\r\n\r\n  \n"
                + "a2a:" + bcrypt(BCrypt.Version.VERSION_2A, "pw-a") + "\r\n"
                + "   # indented comment\n"
                + "a2b:" + bcrypt(BCrypt.Version.VERSION_2B, "pw-b") + "\n"
                + "a2y:" + bcrypt(BCrypt.Version.VERSION_2Y, "pw-y"));
        HtpasswdFile users = open();
        assertThat(users.authenticate("a2a", "pw-a")).isTrue();
        assertThat(users.authenticate("a2b", "pw-b")).isTrue();
        assertThat(users.authenticate("a2y", "pw-y")).isTrue();
        assertThat(users.authenticate("a2a", "pw-b")).isFalse();
        assertThat(users.exists("# made by hand")).isFalse();
    }

    /** What htpasswd -m, -s, -d, -p, -2, -5 wrote for frank, and a bcrypt variant bcrypt libraries disagree on. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$apr1$R4mSKIbz$w8CxzaPkuhMv23GOYuhgH/",
            "{SHA}u1VWhsWW1Ya76ZVBmCSYkjlTPik=",
            "oCoqttcYSMKAY",
            "frank-pw",
            "$5$U8SFd6xQtl1YgRS3$OswNR0JhvtlGVicEvOV85FpNv85g6JaUa39GU8qpBw/",
            "$6$aP4XuntYS0lEKKqT$H9WoIRtWIa8uoOD0BiOMyUtXlxZX0xTBRDegC42U1t51YxSj6s5UbHC.SqbrY5saB4k9xA2.Ix6UzKKLm/7pd0",
            "$2x$05$i645vT7Zxe1gFRHB2Sjb0ujGLF7ubyQwrzvNozDkp6UFoIcE2JLG6",
            "$2y$05$i645vT7Zxe1gFRHB2Sjb0ujGLF7ubyQwrzvNozDkp6UFoIcE2JLG",
            ""})
    void refusesEveryOtherHashFormatNamingLineAndUserButNotTheHash(String hash) throws IOException {
        Files.writeString(file, FileFixtures.resource("users.htpasswd") + "# frank's old entry\nfrank:" + hash + "\n");
        assertThatThrownBy(() -> HtpasswdFile.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 6")
                .hasMessageContaining("'frank'")
                .hasMessageNotContaining(hash.isEmpty() ? "frank:" : hash)
                .hasMessageNotContaining("$2y$05$");
    }

    @Test
    void refusesADuplicateUser() throws IOException {
        Files.writeString(file, FileFixtures.resource("users.htpasswd") + "\nbob:" + bcrypt(BCrypt.Version.VERSION_2Y, "x") + "\n");
        assertThatThrownBy(() -> HtpasswdFile.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 6")
                .hasMessageContaining("'bob' appears again (first on line 2)");
    }

    @Test
    void refusesALineWithoutUserNamingItButNotShowingIt() throws IOException {
        for (String line : List.of("secret-without-colon", ":$2y$05$i645vT7Zxe1gFRHB2Sjb0ujGLF7ubyQwrzvNozDkp6UFoIcE2JLG6")) {
            Files.writeString(file, "# one\n" + line + "\n");
            assertThatThrownBy(() -> HtpasswdFile.open(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + " line 2: expected user:hash");
        }
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Files.write(file, "al\u00ffce:x\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> HtpasswdFile.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " is not UTF-8 text");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> HtpasswdFile.open(dir.resolve("absent")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void aChangedPasswordTakesEffectAtTheNextCheckEvenWhenTheOldOneWasCached() {
        HtpasswdFile users = open();
        assertThat(users.authenticate("alice", ALICE)).isTrue();
        replace(file, FileFixtures.resource("users.htpasswd")
                .replaceFirst("alice:\\S+", Matcher.quoteReplacement("alice:" + bcrypt(BCrypt.Version.VERSION_2Y, "new alice"))));
        clock.advanceMillis(500);
        assertThat(users.authenticate("alice", ALICE)).as("checked at most once a second").isTrue();
        clock.advanceMillis(500);
        assertThat(users.authenticate("alice", ALICE)).isFalse();
        assertThat(users.authenticate("alice", "new alice")).isTrue();
        assertThat(users.authenticate("bob", BOB)).isTrue();
    }

    @Test
    void aRemovedUserIsRefusedAtTheNextCheckEvenWhenCached() {
        HtpasswdFile users = open();
        assertThat(users.authenticate("bob", BOB)).isTrue();
        assertThat(users.authenticate("bob", BOB)).isTrue();
        assertThat(checked).hasSize(1);
        replace(file, FileFixtures.resource("users.htpasswd").replaceFirst("bob:\\S+\n", ""));
        clock.advanceMillis(1000);
        assertThat(users.authenticate("bob", BOB)).isFalse();
        assertThat(users.exists("bob")).isFalse();
        assertThat(users.exists("alice")).isTrue();
        assertThat(checked).as("still one bcrypt check, against the dummy").hasSize(2);
    }

    @Test
    void aNewVersionThatDoesNotParseIsLoggedAndTheLastGoodOneKept() {
        HtpasswdFile users = open();
        String md5 = "$apr1$R4mSKIbz$w8CxzaPkuhMv23GOYuhgH/";
        replace(file, FileFixtures.resource("users.htpasswd") + "frank:" + md5 + "\n");
        clock.advanceMillis(1000);
        assertThat(users.authenticate("alice", ALICE)).isTrue();
        assertThat(users.exists("frank")).isFalse();
        assertThat(log.at(System.Logger.Level.WARNING)).singleElement().satisfies(warning -> assertThat(warning)
                .contains(file.toString(), "line 5", "'frank'", "stays in use")
                .doesNotContain(md5)
                .doesNotContain("$2y$05$"));

        clock.advanceMillis(1000);
        users.exists("alice");
        assertThat(log.at(System.Logger.Level.WARNING)).as("one warning per change, not per second").hasSize(1);

        replace(file, FileFixtures.resource("users.htpasswd") + "frank:" + bcrypt(BCrypt.Version.VERSION_2Y, "frank-pw") + "\n");
        clock.advanceMillis(1000);
        assertThat(users.authenticate("frank", "frank-pw")).isTrue();
    }

    @Test
    void aFileThatIsGoneForAMomentLeavesTheUsersAsTheyWere() throws IOException {
        HtpasswdFile users = open();
        Files.delete(file);
        clock.advanceMillis(1000);
        assertThat(users.authenticate("alice", ALICE)).isTrue();
        replace(file, "zoe:" + bcrypt(BCrypt.Version.VERSION_2Y, "zoe-pw") + "\n");
        clock.advanceMillis(1000);
        assertThat(users.authenticate("zoe", "zoe-pw")).isTrue();
        assertThat(users.exists("alice")).isFalse();
    }
}
