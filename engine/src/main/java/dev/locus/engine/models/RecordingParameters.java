package dev.locus.engine.models;

import dev.locus.engine.torch.Scopes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/** Remembers every parameter a model's layers took, in order, under its canonical name. */
public final class RecordingParameters implements ParameterSource {

    private final ParameterSource source;
    private final Map<String, Tensor> recorded = new LinkedHashMap<>();

    public RecordingParameters(ParameterSource source) {
        this.source = source;
    }

    @Override
    public Tensor parameter(String name, long... shape) {
        return parameter(name, Role.WEIGHT, shape);
    }

    @Override
    public Tensor parameter(String name, Role role, long... shape) {
        if (recorded.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " requested twice");
        }
        // Parameters live as long as the model, not as long as whatever scope built it.
        Tensor tensor = Scopes.owned(source.parameter(name, role, shape));
        recorded.put(name, tensor);
        return tensor;
    }

    public Map<String, Tensor> recorded() {
        return Collections.unmodifiableMap(recorded);
    }
}
