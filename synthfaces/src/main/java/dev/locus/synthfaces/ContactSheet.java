package dev.locus.synthfaces;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/** Lays pictures out on a grid, each scaled up by an integer factor with nearest-neighbour, so pixels stay sharp. */
public final class ContactSheet {
    private ContactSheet() {
    }

    /**
     * @param tiles same-size square pictures, laid out row by row
     * @param columns tiles per row
     * @param scale integer upscaling of each tile
     * @param gap pixels between tiles, filled with white
     */
    public static BufferedImage build(List<BufferedImage> tiles, int columns, int scale, int gap) {
        if (tiles.isEmpty() || columns < 1 || scale < 1 || gap < 0) {
            throw new IllegalArgumentException("need at least one tile, columns >= 1, scale >= 1, gap >= 0");
        }
        int tile = tiles.get(0).getWidth();
        int rows = (tiles.size() + columns - 1) / columns;
        int cell = tile * scale + gap;
        BufferedImage sheet = new BufferedImage(columns * cell - gap, rows * cell - gap, BufferedImage.TYPE_INT_RGB);
        int[] white = new int[sheet.getWidth() * sheet.getHeight()];
        Arrays.fill(white, 0xFFFFFF);
        sheet.setRGB(0, 0, sheet.getWidth(), sheet.getHeight(), white, 0, sheet.getWidth());
        for (int i = 0; i < tiles.size(); i++) {
            BufferedImage t = tiles.get(i);
            if (t.getWidth() != tile || t.getHeight() != tile) {
                throw new IllegalArgumentException("tile " + i + " is " + t.getWidth() + "x" + t.getHeight()
                        + ", expected " + tile + "x" + tile);
            }
            int ox = (i % columns) * cell;
            int oy = (i / columns) * cell;
            for (int y = 0; y < tile * scale; y++) {
                for (int x = 0; x < tile * scale; x++) {
                    sheet.setRGB(ox + x, oy + y, t.getRGB(x / scale, y / scale));
                }
            }
        }
        return sheet;
    }
}
