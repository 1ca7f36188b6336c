package dev.locus.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoragePropertiesTest {

    private static StorageProperties withExpiry(Duration expiry) {
        return new StorageProperties("http://localhost:9000", "a", "b", "locus", "us-east-1", expiry, null);
    }

    @Test
    void aPresignExpiryBeyondTheS3LimitIsRefusedAtStartupNamingTheSetting() {
        assertThatThrownBy(() -> withExpiry(Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("locus.storage.presign-expiry").hasMessageContaining("7d");
        assertThatThrownBy(() -> withExpiry(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sevenDaysIsAllowed() {
        assertThat(withExpiry(Duration.ofDays(7)).presignExpiry()).isEqualTo(Duration.ofDays(7));
    }
}
