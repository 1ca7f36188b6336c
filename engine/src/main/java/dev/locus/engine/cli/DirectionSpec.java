package dev.locus.engine.cli;

import dev.locus.engine.methods.DirectionBasis;
import dev.locus.engine.pipelines.EditPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code basis.safetensors[:INDEX][@STRENGTH]}. */
final class DirectionSpec {

    private static final Pattern SPEC = Pattern.compile("^(.+?)(?::(\\d+))?(?:@([-+0-9.eE]+))?$");

    private DirectionSpec() {}

    static EditPipeline.Term parse(String spec, Map<Path, DirectionBasis> cache) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("--direction '" + spec + "' is not FILE[:INDEX][@STRENGTH]");
        }
        Path file = Path.of(m.group(1));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("direction basis " + file + " does not exist");
        }
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        double strength;
        try {
            strength = m.group(3) == null ? 1.0 : Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--direction '" + spec + "': strength is not a number");
        }
        if (!Double.isFinite(strength)) {
            throw new IllegalArgumentException("--direction '" + spec + "': strength must be finite");
        }
        DirectionBasis basis = cache.computeIfAbsent(file, DirectionBasis::load);
        basis.vector(index);
        return new EditPipeline.Term(basis, index, strength);
    }
}
