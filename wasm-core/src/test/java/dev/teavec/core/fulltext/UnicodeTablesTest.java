package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The generated tables against the JDK they were generated from, for every code point. */
class UnicodeTablesTest {
    @Test
    void theCommittedTablesAreWhatTheGeneratorWrites() throws IOException {
        assumeSameJava();
        assertEquals(UnicodeRunsGenerator.source(),
                Files.readString(UnicodeRunsGenerator.TARGET, StandardCharsets.UTF_8),
                "UnicodeRuns.java is stale: run UnicodeRunsGenerator (see its Javadoc)");
    }

    @Test
    void everyCodePointIsClassifiedAndLowerCasedAsTheJdkDoes() {
        assumeSameJava();
        int wrong = 0;
        String first = null;
        for (int cp = UnicodeTables.TABLE_START; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean ok = UnicodeTables.isWordChar(cp) == UnicodeRunsGenerator.isWordChar(cp)
                    && UnicodeTables.toLower(cp) == Character.toLowerCase(cp);
            if (!ok) {
                wrong++;
                if (first == null) {
                    first = "U+" + Integer.toHexString(cp);
                }
            }
        }
        assertEquals(0, wrong, "code points that differ, first " + first);
    }

    private static void assumeSameJava() {
        assumeTrue(Runtime.version().feature() == UnicodeRuns.JAVA_FEATURE_VERSION,
                "the tables come from Java " + UnicodeRuns.JAVA_FEATURE_VERSION + "'s Unicode data");
    }
}
