package dev.locus.synthfaces.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses seed lists such as {@code 0..63}, {@code 7} or {@code 1,5,10..12} (ranges inclusive). */
final class SeedList {
    /** More than this is a mistake rather than a contact sheet. */
    static final int MAX_SEEDS = 4096;

    private SeedList() {
    }

    static List<Long> parse(String text) {
        List<Long> seeds = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dots = p.indexOf("..");
            try {
                if (dots < 0) {
                    seeds.add(Long.parseLong(p));
                } else {
                    long from = Long.parseLong(p.substring(0, dots).trim());
                    long to = Long.parseLong(p.substring(dots + 2).trim());
                    if (to < from) {
                        throw new IllegalArgumentException("seed range '" + p + "' runs backwards");
                    }
                    if (to - from >= MAX_SEEDS) {
                        throw new IllegalArgumentException("seed range '" + p + "' has more than " + MAX_SEEDS + " seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        seeds.add(s);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a seed list like 0..63 or 1,5,10..12");
            }
            if (seeds.size() > MAX_SEEDS) {
                throw new IllegalArgumentException("more than " + MAX_SEEDS + " seeds");
            }
        }
        return seeds;
    }
}
