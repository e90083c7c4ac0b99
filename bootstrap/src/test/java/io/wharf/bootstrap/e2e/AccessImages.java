package io.wharf.bootstrap.e2e;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small images for the access-control tests, where what matters is who may move them, not their size. */
final class AccessImages {
    private AccessImages() {
    }

    /** An OCI layout tagged {@code v1} with two small layers. */
    static OciLayout small(Path layout, long seed) throws IOException {
        Random random = new Random(seed);
        return OciLayout.write(layout, "v1", List.of(
                ImageFixtures.Layer.of(OciLayout.files("data/app.bin", ImageFixtures.randomBytes(random, 64 * 1024))),
                ImageFixtures.Layer.of(OciLayout.files("etc/motd", ("seed " + seed).getBytes(StandardCharsets.US_ASCII)))));
    }

    record JibRoundTrip(JibContainer pushed, JibContainer pulled) {
    }

    /**
     * Jib builds a one-layer image from scratch, pushes it to {@code image} with the credentials, and pulls
     * it back into a tarball with them. Jib sends credentials over plain HTTP only when told to.
     */
    static JibRoundTrip jibRoundTrip(Path work, String image, String user, String password) throws Exception {
        Path app = Files.createDirectories(work.resolve("app"));
        Path file = Files.writeString(app.resolve("hello.txt"), "hello " + image + "\n");
        String previous = System.setProperty("sendCredentialsOverHttp", "true");
        try {
            JibContainer pushed = Jib.fromScratch()
                    .addLayer(List.of(file), AbsoluteUnixPath.get("/app"))
                    .containerize(containerizer(work, "push",
                            Containerizer.to(RegistryImage.named(image).addCredential(user, password))));
            JibContainer pulled = Jib.from(RegistryImage.named(image).addCredential(user, password))
                    .containerize(containerizer(work, "pull",
                            Containerizer.to(TarImage.at(work.resolve("pulled.tar")).named("pulled"))));
            return new JibRoundTrip(pushed, pulled);
        } finally {
            if (previous == null) {
                System.clearProperty("sendCredentialsOverHttp");
            } else {
                System.setProperty("sendCredentialsOverHttp", previous);
            }
        }
    }

    private static Containerizer containerizer(Path work, String name, Containerizer containerizer) throws IOException {
        return containerizer.setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(Files.createDirectories(work.resolve("cache-" + name + "/base")))
                .setApplicationLayersCache(Files.createDirectories(work.resolve("cache-" + name + "/app")))
                .setToolName("wharf-e2e");
    }
}
