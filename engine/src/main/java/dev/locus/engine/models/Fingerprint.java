package dev.locus.engine.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * sha256 over a model's canonical config and its parameters (name, shape and float32 values in
 * construction order). It identifies the numbers, not the file: the same weights saved with
 * legacy attention names or in another tensor order give the same fingerprint.
 */
public final class Fingerprint {

    private Fingerprint() {}

    public static String of(String canonicalConfig, Map<String, Tensor> parameters) {
        MessageDigest digest = sha256();
        digest.update(canonicalConfig.getBytes(StandardCharsets.UTF_8));
        for (var entry : parameters.entrySet()) {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            Tensor values = entry.getValue().to(torch.ScalarType.Float).contiguous().cpu();
            ByteBuffer shape = ByteBuffer.allocate(8 * values.shape().length).order(ByteOrder.LITTLE_ENDIAN);
            for (long dim : values.shape()) {
                shape.putLong(dim);
            }
            digest.update(shape.array());
            ByteBuffer data = new BytePointer(values.data_ptr()).capacity(values.nbytes()).asByteBuffer();
            digest.update(data);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
