package dev.locus.synthfaces.cli;

import dev.locus.engine.io.Images;
import dev.locus.synthfaces.probe.FactorProbe;
import dev.locus.synthfaces.probe.ProbeFile;
import dev.locus.synthfaces.probe.ProbeReading;
import dev.locus.synthfaces.probe.ReadingJson;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Read the factors of a 32x32 face picture with the factor probe and print them as JSON: "
                + "per factor the value (continuous: normalised and raw; binary: true/false with P(yes); "
                + "categorical: class name with probabilities) and the confidence, and whether the picture reads "
                + "as a plausible face.")
final class ProbeCommand implements Callable<Integer> {

    static final String DEFAULT_WEIGHTS = "models/synthfaces-probe/probe.safetensors";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "PNG", description = "A 32x32 RGB picture.")
    Path image;

    @Option(names = "--weights", defaultValue = DEFAULT_WEIGHTS, paramLabel = "FILE",
            description = "Probe weights (${DEFAULT-VALUE}).")
    Path weights;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "libtorch threads (${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        torch.set_num_threads(Math.max(1, threads));
        FactorProbe probe = ProbeFile.load(weights);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("image", image.toString());
        try (PointerScope scope = new PointerScope()) {
            Tensor pixels = Images.readRgb(image);
            long[] shape = pixels.shape();
            if (shape[2] != FactorProbe.INPUT_SIZE || shape[3] != FactorProbe.INPUT_SIZE) {
                throw new IllegalArgumentException(image + ": the probe reads " + FactorProbe.INPUT_SIZE + "x"
                        + FactorProbe.INPUT_SIZE + " pictures, this one is " + shape[3] + "x" + shape[2]
                        + " (" + Arrays.toString(shape) + ")");
            }
            ProbeReading reading = probe.read(pixels);
            json.putAll(ReadingJson.of(reading.face(0), probe.plausibility()));
        }
        spec.commandLine().getOut().println(JSON.writeValueAsString(json));
        return 0;
    }
}
