package dev.teavec.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar binary kernel (the reference the SIMD kernel is tested equal to through the package) against
 * popcounts of the words themselves: codes written as little-endian rows into a {@link WordCodeStore} and into a
 * {@link ByteVectorStore} (across chunk boundaries), with edge words (all zeros, all ones, one bit) among random ones.
 */
class BinaryKernelTest {
    private static final long SEED = 20261207L;

    private static long edgeOrRandom(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return 0L;
            case 1:
                return -1L;
            case 2:
                return 1L << random.nextInt(64);
            default:
                return random.nextLong();
        }
    }

    private static byte[] row(long[] words) {
        byte[] b = new byte[8 * words.length];
        for (int w = 0; w < words.length; w++) {
            for (int i = 0; i < 8; i++) {
                b[8 * w + i] = (byte) (words[w] >>> (8 * i));
            }
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6, 17})
    void popcountsEqualThoseOfTheWords(int words) {
        popcountsEqualThoseOfTheWords(new WordCodeStore(words), words, SEED + words);
        // Tiny chunks: rows cross chunk boundaries with few vectors.
        popcountsEqualThoseOfTheWords(new ByteVectorStore(8 * words, 8 * words * 3), words, SEED + 100 + words);
    }

    private static void popcountsEqualThoseOfTheWords(CodeStorage store, int words, long seed) {
        Random random = new Random(seed);
        int count = 50;
        long[][] codes = new long[count][words];
        for (int ord = 0; ord < count; ord++) {
            for (int w = 0; w < words; w++) {
                codes[ord][w] = edgeOrRandom(random);
            }
            store.write(store.append(), row(codes[ord]));
        }
        byte[] back = new byte[8 * words];
        store.read(count / 2, back);
        assertEquals(java.util.Arrays.toString(row(codes[count / 2])), java.util.Arrays.toString(back), "seed " + seed);
        long[] planes = new long[BinaryKernel.PLANES * words];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = edgeOrRandom(random);
        }
        BinaryKernel kernel = store.newBinaryKernel();
        kernel.setPlanes(planes);
        int[] ords = new int[count];
        for (int i = 0; i < count; i++) {
            ords[i] = random.nextInt(count);
        }
        int[] batch = new int[count];
        kernel.weighted(ords, count, batch);
        for (int i = 0; i < count; i++) {
            int expected = 0;
            for (int w = 0; w < words; w++) {
                for (int j = 0; j < BinaryKernel.PLANES; j++) {
                    expected += Long.bitCount(codes[ords[i]][w] & planes[j * words + w]) << j;
                }
            }
            assertEquals(expected, kernel.weighted(ords[i]), "seed " + seed + ", ord " + ords[i]);
            assertEquals(expected, batch[i], "seed " + seed + ", batch " + i);
        }
        int query = random.nextInt(count);
        kernel.setQueryFromOrdinal(query);
        kernel.hamming(ords, count, batch);
        for (int i = 0; i < count; i++) {
            int expected = 0;
            for (int w = 0; w < words; w++) {
                expected += Long.bitCount(codes[ords[i]][w] ^ codes[query][w]);
            }
            assertEquals(expected, kernel.hamming(ords[i]), "seed " + seed + ", ord " + ords[i]);
            assertEquals(expected, batch[i], "seed " + seed + ", batch " + i);
        }
    }
}
