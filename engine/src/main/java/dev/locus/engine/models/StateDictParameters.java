package dev.locus.engine.models;

import dev.locus.engine.models.layers.Attention;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.Tensor;

/**
 * Parameters from a loaded state dict. Accepts the pre-0.14 attention names
 * (query/key/value/proj_attn) that the google DDPM checkpoints still use, and fails with the
 * tensor's name when a parameter is missing or has the wrong shape.
 */
public final class StateDictParameters implements ParameterSource {

    private final Map<String, Tensor> stateDict;
    private final String origin;
    private final Set<String> used = new HashSet<>();

    /** @param origin where the tensors came from, for error messages (a file path) */
    public StateDictParameters(Map<String, Tensor> stateDict, String origin) {
        this.stateDict = stateDict;
        this.origin = origin;
    }

    @Override
    public Tensor parameter(String name, long... shape) {
        String stored = storedName(name);
        if (stored == null) {
            throw new ModelLoadException("missing tensor " + name + " in " + origin);
        }
        Tensor tensor = stateDict.get(stored);
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw new ModelLoadException("tensor " + stored + " in " + origin + " has shape "
                    + Arrays.toString(tensor.shape()) + ", the config expects " + Arrays.toString(shape));
        }
        used.add(stored);
        return tensor;
    }

    /** Tensors in the file that no layer asked for (diffusers warns about these; so do we). */
    public Set<String> unused() {
        Set<String> unused = new TreeSet<>(stateDict.keySet());
        unused.removeAll(used);
        return unused;
    }

    private String storedName(String name) {
        if (stateDict.containsKey(name)) {
            return name;
        }
        for (var legacy : Attention.LEGACY_NAMES.entrySet()) {
            String current = "." + legacy.getKey() + ".";
            if (name.contains(current)) {
                String old = name.replace(current, "." + legacy.getValue() + ".");
                if (stateDict.containsKey(old)) {
                    return old;
                }
            }
        }
        return null;
    }
}
