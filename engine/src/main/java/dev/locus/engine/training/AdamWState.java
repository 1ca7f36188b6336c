package dev.locus.engine.training;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.ArchiveWriter;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.InputArchive;
import org.bytedeco.pytorch.OutputArchive;
import org.bytedeco.pytorch.Tensor;

/**
 * libtorch's AdamW state as bytes in a uint8 tensor, so it can ride in the checkpoint's
 * safetensors file next to the weights.
 *
 * <p>{@code AdamW.save} writes libtorch's own archive format, which keys each parameter's moments
 * by the address of its TensorImpl and lists those keys per parameter group in parameter order;
 * {@code AdamW.load} maps them back by that order. Checked from Java: save, load into a fresh
 * optimiser over copies of the parameters, and further steps match the uninterrupted run exactly.
 */
public final class AdamWState {

    /** One parameter's Adam moments, for checks and inspection. */
    public record Moments(long step, Tensor expAvg, Tensor expAvgSq) {}

    private AdamWState() {}

    /** The optimiser's full state (moments, step counts, group options) as uint8 [n]. */
    public static Tensor save(AdamW optimizer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputArchive archive = new OutputArchive();
        try (ArchiveWriter writer = new ArchiveWriter() {
            @Override
            public long call(Pointer data, long size) {
                byte[] chunk = new byte[Math.toIntExact(size)];
                new BytePointer(data).capacity(size).get(chunk);
                bytes.write(chunk, 0, chunk.length);
                return size;
            }
        }) {
            optimizer.save(archive);
            archive.save_to(writer);
        } finally {
            archive.close();
        }
        byte[] data = bytes.toByteArray();
        return Tensor.create(data, false, data.length);
    }

    /** Replaces the optimiser's state with one {@link #save} wrote for the same parameter list. */
    public static void load(AdamW optimizer, Tensor saved) {
        optimizer.load(archive(saved));
    }

    /** The moments of every parameter, in the optimiser's parameter order. */
    public static List<Moments> moments(Tensor saved) {
        InputArchive root = archive(saved);
        InputArchive groups = child(root, "param_groups");
        InputArchive state = child(root, "state");
        List<Moments> out = new ArrayList<>();
        long groupCount = sizeValue(groups, "param_groups/size");
        for (long g = 0; g < groupCount; g++) {
            InputArchive group = child(groups, "param_groups/" + g);
            long params = sizeValue(group, "params/size");
            for (long i = 0; i < params; i++) {
                IValue key = new IValue();
                group.read("params/" + i, key);
                InputArchive param = child(state, key.toStringRef().getString());
                Tensor expAvg = new Tensor();
                Tensor expAvgSq = new Tensor();
                param.read("exp_avg", expAvg);
                param.read("exp_avg_sq", expAvgSq);
                out.add(new Moments(intValue(param, "step"), expAvg, expAvgSq));
            }
        }
        return out;
    }

    private static InputArchive archive(Tensor saved) {
        Tensor bytes = saved.contiguous();
        InputArchive archive = new InputArchive();
        archive.load_from(new BytePointer(bytes.data_ptr()).capacity(bytes.numel()), bytes.numel());
        return archive;
    }

    private static InputArchive child(InputArchive parent, String key) {
        InputArchive child = new InputArchive();
        parent.read(key, child);
        return child;
    }

    /** libtorch writes list sizes as one-element int64 tensors. */
    private static long sizeValue(InputArchive archive, String key) {
        Tensor size = new Tensor();
        archive.read(key, size);
        return size.item_long();
    }

    private static long intValue(InputArchive archive, String key) {
        IValue value = new IValue();
        archive.read(key, value);
        return value.toInt();
    }
}
