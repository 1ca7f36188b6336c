package dev.locus.engine.methods;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** sha256 of a tensor's float32 values, to tie a basis to the exact image and mask it came from. */
public final class TensorHash {

    private TensorHash() {}

    public static String sha256(Tensor tensor) {
        Tensor values = tensor.to(torch.ScalarType.Float).contiguous().cpu();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(new BytePointer(values.data_ptr()).capacity(values.nbytes()).asByteBuffer());
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
