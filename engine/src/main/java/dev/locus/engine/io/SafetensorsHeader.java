package dev.locus.engine.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parsed and checked JSON header of a safetensors file. Everything that can be verified
 * without reading tensor data is verified here, so a header that parses can be loaded blindly.
 *
 * @param tensors by name, sorted
 */
record SafetensorsHeader(Map<String, String> metadata, SortedMap<String, TensorInfo> tensors) {

    static final String METADATA_KEY = "__metadata__";

    // Duplicate names would silently shadow each other; the reference implementation rejects them.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @param file            for messages only
     * @param json            the header bytes, possibly padded with trailing spaces
     * @param dataSectionSize bytes after the header; every tensor must lie inside
     */
    static SafetensorsHeader parse(String file, byte[] json, long dataSectionSize) {
        JsonNode root = readJson(file, json);
        Map<String, String> metadata = Map.of();
        SortedMap<String, TensorInfo> tensors = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals(METADATA_KEY)) {
                metadata = parseMetadata(file, entry.getValue());
            } else {
                TensorInfo info = parseTensor(file, entry.getKey(), entry.getValue(), dataSectionSize);
                tensors.put(info.name(), info);
            }
        }
        checkNoOverlap(file, tensors.values());
        return new SafetensorsHeader(metadata, Collections.unmodifiableSortedMap(tensors));
    }

    private static JsonNode readJson(String file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new SafetensorsException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "header is not a JSON object");
        }
        return root;
    }

    private static Map<String, String> parseMetadata(String file, JsonNode node) {
        if (!node.isObject()) {
            throw fail(file, METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw fail(file, METADATA_KEY + " must map strings to strings, but '" + entry.getKey()
                        + "' is " + entry.getValue().getNodeType());
            }
            metadata.put(entry.getKey(), entry.getValue().stringValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorInfo parseTensor(String file, String name, JsonNode node, long dataSectionSize) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(file, where + ": entry is not a JSON object");
        }
        SafetensorsDType dtype = parseDType(file, where, node.get("dtype"));
        long[] shape = parseShape(file, where, node.get("shape"));
        long[] offsets = parseOffsets(file, where, node.get("data_offsets"));
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw fail(file, where + ": data_offsets begin " + begin + " is after end " + end);
        }
        if (end > dataSectionSize) {
            throw fail(file, where + ": data_offsets end " + end + " is beyond the data section ("
                    + dataSectionSize + " bytes)");
        }
        long expected = expectedBytes(shape, dtype);
        if (end - begin != expected) {
            throw fail(file, where + ": data_offsets span " + (end - begin) + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + (expected < 0 ? "more than 2^63" : expected)
                    + " bytes");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static SafetensorsDType parseDType(String file, String where, JsonNode node) {
        if (node == null || !node.isString()) {
            throw fail(file, where + ": dtype is missing or not a string");
        }
        String name = node.stringValue();
        return SafetensorsDType.fromHeaderName(name)
                .orElseThrow(() -> fail(file, where + ": unknown dtype '" + name + "'"));
    }

    private static long[] parseShape(String file, String where, JsonNode node) {
        if (node == null || !node.isArray()) {
            throw fail(file, where + ": shape is missing or not an array");
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = node.get(i);
            if (!isLong(dim)) {
                throw fail(file, where + ": shape " + node + " holds a non-integer");
            }
            shape[i] = dim.longValue();
            if (shape[i] < 0) {
                throw fail(file, where + ": shape " + node + " has a negative dimension");
            }
        }
        return shape;
    }

    private static long[] parseOffsets(String file, String where, JsonNode node) {
        boolean valid = node != null && node.isArray() && node.size() == 2
                && isLong(node.get(0)) && isLong(node.get(1))
                && node.get(0).longValue() >= 0 && node.get(1).longValue() >= 0;
        if (!valid) {
            throw fail(file, where + ": data_offsets must be two non-negative integers [begin, end], got " + node);
        }
        return new long[] {node.get(0).longValue(), node.get(1).longValue()};
    }

    private static boolean isLong(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /** product(shape) * element size, or -1 when that does not fit in a long. */
    private static long expectedBytes(long[] shape, SafetensorsDType dtype) {
        try {
            long bytes = dtype.byteSize();
            for (long dim : shape) {
                bytes = Math.multiplyExact(bytes, dim);
            }
            return bytes;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Gaps between tensors are tolerated; shared bytes are not, since writes to one would show in the other. */
    private static void checkNoOverlap(String file, Iterable<TensorInfo> tensors) {
        List<TensorInfo> byOffset = new ArrayList<>();
        for (TensorInfo info : tensors) {
            if (info.byteSize() > 0) {
                byOffset.add(info);
            }
        }
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        // Sorted by begin, a tensor can only collide with the one just before it.
        TensorInfo previous = null;
        for (TensorInfo info : byOffset) {
            if (previous != null && info.begin() < previous.end()) {
                throw fail(file, "tensors '" + previous.name() + "' and '" + info.name() + "' overlap (bytes ["
                        + previous.begin() + ", " + previous.end() + ") and [" + info.begin() + ", " + info.end() + "))");
            }
            previous = info;
        }
    }

    private static SafetensorsException fail(String file, String problem) {
        return new SafetensorsException(file + ": " + problem);
    }
}
