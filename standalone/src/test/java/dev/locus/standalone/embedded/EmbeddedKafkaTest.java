package dev.locus.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    /** A taken port must fail the start with an exception, before Kafka could halt the JVM. */
    @Test
    void takenPortFailsBeforeTheBrokerStarts(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafka.Config config = new EmbeddedKafka.Config(taken.getLocalPort(), 0, 1);
            assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
        // Nothing was formatted either: the next start begins from scratch.
        try (var files = Files.list(dataDir)) {
            org.assertj.core.api.Assertions.assertThat(files).isEmpty();
        }
    }
}
