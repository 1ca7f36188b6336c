package dev.locus.synthfaces.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.locus.engine.api.Method;
import dev.locus.synthfaces.Region;
import dev.locus.synthfaces.bench.EditBench.EditRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferByOverlapTest {

    private static EditRow transfer(Method method, double overlap, boolean success) {
        return new EditRow(method, Region.EYES, 1, "transfer", 2, 1, 8, 0.5, 0.2, 35, 0.9, 30, "eye_size", 0.2,
                "gaze", 0.05, success, overlap);
    }

    @Test
    void transferEditsAreCountedInTheirOverlapBinAndSourceEditsNot() {
        List<EditRow> edits = List.of(
                transfer(Method.LOCO, 0.1, false), transfer(Method.LOCO, 0.29, true),
                transfer(Method.LOCO, 0.3, true),
                transfer(Method.LOCO, 0.5, true), transfer(Method.LOCO, 1.0, false), transfer(Method.LOCO, 0.8, true),
                new EditRow(Method.LOCO, Region.EYES, 1, "source", 1, 1, 8, 0.5, 0.2, 35, 0.9, 30, "eye_size", 0.2,
                        "gaze", 0.05, true, 1.0));
        String table = BenchReport.transferByOverlap(edits,
                new EditBench.Plan(List.of(Method.LOCO, Method.JIVE), List.of(Region.EYES), 1, 1, 0));

        assertThat(table).contains("| method | IoU < 0.3 | 0.3 to 0.5 | >= 0.5 |",
                "| loco | 0.500 (2) | 1.000 (1) | 0.667 (3) |", "| jive | NA | NA | NA |");
    }
}
