package dev.teavec.bindings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build step run on the JVM (exec-maven-plugin, js-bindings/pom.xml), never part of the Wasm: writes the engine's
 * boundary as JSON ({@link EngineApi}) beside the .wasm files, where npm-package/scripts/generate-engine.mjs reads
 * it. Kept out of the engine because only the build asks for it (1 KB gzip of the core bundle when it was exported).
 */
public final class EngineDescription {
    private EngineDescription() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EngineDescription <out.json>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, EngineApi.json(), StandardCharsets.UTF_8);
    }
}
