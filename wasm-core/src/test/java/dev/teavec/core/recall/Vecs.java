package dev.teavec.core.recall;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

/** Reads TEXMEX .fvecs/.ivecs files (little-endian; per record an int32 dimension, then the values). */
public final class Vecs {
    private Vecs() {
    }

    /** The shared data folder: -Dteavec.data, else ../../shared/data relative to the module directory. */
    public static File dataDir() {
        return new File(System.getProperty("teavec.data", "../../shared/data"));
    }

    public static float[][] readFvecs(File file, int limit) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file.toPath())).order(ByteOrder.LITTLE_ENDIAN);
        int dim = buf.getInt(0);
        int records = buf.capacity() / (4 + 4 * dim);
        int n = Math.min(records, limit);
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            int d = buf.getInt();
            if (d != dim) {
                throw new IOException(file + ": record " + i + " has dimension " + d + ", expected " + dim);
            }
            for (int j = 0; j < dim; j++) {
                out[i][j] = buf.getFloat();
            }
        }
        return out;
    }

    public static int[][] readIvecs(File file, int limit) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file.toPath())).order(ByteOrder.LITTLE_ENDIAN);
        int dim = buf.getInt(0);
        int n = Math.min(buf.capacity() / (4 + 4 * dim), limit);
        int[][] out = new int[n][dim];
        for (int i = 0; i < n; i++) {
            int d = buf.getInt();
            if (d != dim) {
                throw new IOException(file + ": record " + i + " has dimension " + d + ", expected " + dim);
            }
            for (int j = 0; j < dim; j++) {
                out[i][j] = buf.getInt();
            }
        }
        return out;
    }
}
