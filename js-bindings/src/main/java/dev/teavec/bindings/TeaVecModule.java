package dev.teavec.bindings;

import dev.teavec.core.vector.Metric;
import org.teavm.jso.JSExport;

/**
 * The Wasm module's entry point: its static {@code @JSExport} methods are the module's exports.
 * The npm package's JavaScript wraps them; nothing else should call them directly.
 */
public final class TeaVecModule {
    private TeaVecModule() {
    }

    /** A new exact index. {@code metric} is one of {@code cosine}, {@code dot}, {@code l2}. */
    @JSExport
    public static NativeIndex createIndex(int dimensions, String metric) {
        return new NativeIndex(dimensions, Metric.fromName(metric));
    }

    /** Format version of the engine's API, checked by the JS loader against the one it was built for. */
    @JSExport
    public static int apiVersion() {
        return 1;
    }
}
