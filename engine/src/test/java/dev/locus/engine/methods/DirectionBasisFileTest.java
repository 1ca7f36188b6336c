package dev.locus.engine.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locus.engine.api.DirectionSpace;
import dev.locus.engine.api.Method;
import dev.locus.engine.api.Schedule;
import dev.locus.engine.io.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectionBasisFileTest {

    @TempDir
    Path dir;

    @Test
    void aSavedBasisLoadsWithItsMethodLevelAndSchedule() {
        Schedule schedule = Schedule.ddim(Schedule.Spacing.TRAILING, 20, 0.0);
        DirectionBasis basis = new DirectionBasis(Method.LOCO_NO_NULL_SPACE, torch.ones(2, 3, 4, 4), torch.ones(2, 3, 4, 4),
                torch.ones(2), null, null, List.of("roi/0", "roi/1"), Map.of("rank", "2"), "sha256:ab", 600, schedule,
                "mask", "source");
        Path file = dir.resolve("basis.safetensors");
        basis.save(file);

        DirectionBasis loaded = DirectionBasis.load(file);
        assertThat(loaded.method()).isEqualTo(Method.LOCO_NO_NULL_SPACE);
        assertThat(loaded.space()).isEqualTo(DirectionSpace.X_T);
        assertThat(loaded.level()).isEqualTo(600);
        assertThat(loaded.schedule()).isEqualTo(schedule);
        assertThat(loaded.labels()).containsExactly("roi/0", "roi/1");
        assertThat(loaded.vectors().shape()).containsExactly(2, 3, 4, 4);
    }

    /** Basis files in object storage from before schedules were data hold the schedule as text. */
    @Test
    void aFileWithTheScheduleAsTextLoads() throws Exception {
        Path file = legacyFile("JIVE", "h", "\"ddim/leading/50/eta=0.0\"");
        DirectionBasis loaded = DirectionBasis.load(file);
        assertThat(loaded.method()).isEqualTo(Method.JIVE);
        assertThat(loaded.schedule()).isEqualTo(Schedule.ddim(Schedule.Spacing.LEADING, 50, 0.0));
    }

    @Test
    void aFileWhoseSpaceContradictsItsMethodIsRefused() throws Exception {
        Path file = legacyFile("LOCO", "h", "\"loco/100\"");
        assertThatThrownBy(() -> DirectionBasis.load(file)).hasMessageContaining("LOCO").hasMessageContaining("space h");
    }

    private Path legacyFile(String method, String space, String schedule) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("vectors", torch.ones(1, 8));
        tensors.put("raw_vectors", torch.ones(1, 8));
        tensors.put("singular_values", torch.ones(1));
        String meta = "{\"method\":\"" + method + "\",\"space\":\"" + space + "\",\"labels\":[\"eyes/individual/0\"],"
                + "\"parameters\":{},\"model_fingerprint\":\"sha256:ab\",\"timestep\":600.0,\"schedule\":" + schedule
                + ",\"mask_hash\":\"m\",\"source_image_hash\":\"s\"}";
        Path file = Files.createTempFile(dir, "legacy", ".safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("format", DirectionBasis.FORMAT, "locus", meta));
        return file;
    }
}
