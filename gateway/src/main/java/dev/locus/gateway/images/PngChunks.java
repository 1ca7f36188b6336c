package dev.locus.gateway.images;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Walks a PNG's chunks and checks each one's CRC, which javax.imageio's reader does not: a file damaged in transit
 * would otherwise be decoded into a wrong image and stored as if it were the one sent.
 */
final class PngChunks {

    private static final int SIGNATURE = 8;

    private PngChunks() {}

    /** Empty for a well-formed PNG; otherwise what is wrong with it. */
    static Optional<String> problem(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        in.position(SIGNATURE);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining() - 8) {
                return Optional.of("a chunk at byte " + (in.position() - 4) + " runs past the end of the file");
            }
            int typeAt = in.position();
            String type = new String(png, typeAt, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(png, typeAt, 4 + length);
            in.position(typeAt + 4 + length);
            long stored = in.getInt() & 0xFFFFFFFFL;
            if (stored != crc.getValue()) {
                return Optional.of("the CRC of its " + type + " chunk is wrong (the file is damaged)");
            }
            if (type.equals("IEND")) {
                return Optional.empty();
            }
        }
        return Optional.of("it ends before its IEND chunk (the file is cut short)");
    }
}
