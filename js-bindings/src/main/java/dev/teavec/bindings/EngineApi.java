package dev.teavec.bindings;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.index.IndexSettings;

/**
 * The engine's JavaScript boundary as data: every class it exports, each method with the kinds of its
 * arguments, the kind of its result and whether it changes state, each property with its kind; plus the
 * API version, the error codes, the settings table and the layout of packed search hits.
 * {@link EngineDescription} writes it at build time (a JVM step, so the shipped Wasm does not carry it) for
 * the JS package's build, which generates from it the
 * package's engine calls (error translation, result decoding), its error code list and its typings;
 * a worker proxy can iterate it to forward calls. EngineApiTest checks it against the {@code @JSExport}
 * methods themselves, so it cannot drift from them.
 *
 * <p>Argument kinds: {@code vector} (Float32Array, one vector), {@code vectors} (Float32Array, vectors end
 * to end), {@code int}, {@code number}, {@code string}, {@code string?} (or null), {@code json} (JSON text),
 * {@code json?}, {@code filter} (filter text; INVALID_FILTER positions refer to it), {@code filterKind}
 * (0: EdgeVec grammar, 1: where JSON), {@code ids} (Int32Array), {@code bytes} (Int8Array), {@code index}
 * (an exported index), {@code indexTypes} (the table of index types registered from JavaScript), {@code callback?} (a function, or null). Result kinds: the same, plus
 * {@code void}, {@code boolean}, {@code id} (a new id), {@code id?} (an id, -1 for none), {@code hits} (search
 * hits packed as {@code layouts.hits} says), {@code promise} and the exported classes ({@code index},
 * {@code index?}, {@code database}, {@code snapshotStore}, {@code subscription}).
 */
final class EngineApi {
    /** Checked by the JS loader against the version it was generated from: bump on any change below. */
    static final int API_VERSION = 6;

    /** One exported method. */
    static final class Method {
        final String name;
        final String result;
        final boolean mutates;
        final String[] args;

        Method(String name, String result, boolean mutates, String... args) {
            this.name = name;
            this.result = result;
            this.mutates = mutates;
            this.args = args;
        }
    }

    /** One exported class: its name in this description, the Java class, its methods and its properties (name, kind). */
    static final class ExportedClass {
        final String name;
        final String javaClass;
        final Method[] methods;
        /** Name and kind, alternating. */
        final String[] properties;

        ExportedClass(String name, String javaClass, Method[] methods, String[] properties) {
            this.name = name;
            this.javaClass = javaClass;
            this.methods = methods;
            this.properties = properties;
        }
    }

    static final ExportedClass[] CLASSES = {
            new ExportedClass("module", "dev.teavec.bindings.TeaVecModule", methods(
                    read("createIndex", "index", "json", "indexTypes"),
                    read("indexFromBytes", "index", "bytes", "indexTypes", "int"),
                    read("newDatabase", "database"),
                    read("databaseFromBytes", "database", "bytes", "indexTypes", "int"),
                    read("validateFilter", "void", "filter", "filterKind"),
                    read("maxFilterLength", "int"),
                    read("settingsOf", "json", "json"),
                    read("snapshotStore", "snapshotStore"),
                    read("apiVersion", "int")), properties()),
            new ExportedClass("index", "dev.teavec.bindings.NativeIndex", methods(
                    write("free", "void"),
                    read("toBytes", "bytes"),
                    write("insert", "id", "vector"),
                    write("insertWithMetadata", "id", "vector", "json?"),
                    write("insertBatchFlat", "ids", "vectors", "int"),
                    write("insertBatchFlatWithMetadata", "ids", "vectors", "int", "json?"),
                    read("search", "hits", "vector", "int", "int", "int"),
                    read("searchFiltered", "hits", "vector", "int", "int", "filter", "filterKind"),
                    read("matchIds", "ids", "filter", "filterKind", "int", "int"),
                    read("getVector", "vector", "int"),
                    write("updateVector", "void", "int", "vector"),
                    write("softDelete", "boolean", "int"),
                    read("isDeleted", "boolean", "int"),
                    read("liveCount", "int"),
                    read("deletedCount", "int"),
                    read("tombstoneRatio", "number"),
                    read("needsCompaction", "boolean"),
                    read("compactionThreshold", "number"),
                    write("compact", "int"),
                    write("advanceBuild", "int", "int"),
                    write("deferLinking", "int", "int"),
                    read("checkIntegrity", "number"),
                    read("memoryBytes", "number"),
                    read("metadataBytes", "number"),
                    write("setMetadata", "void", "int", "json?"),
                    read("getMetadata", "json?", "int"),
                    write("setMetadataValue", "void", "int", "string", "json"),
                    read("getMetadataValue", "json?", "int", "string"),
                    write("deleteMetadataValue", "boolean", "int", "string"),
                    write("deleteAllMetadata", "boolean", "int"),
                    read("metadataKeyCount", "int", "int"),
                    read("metadataVectorCount", "int"),
                    read("totalMetadataCount", "int"),
                    write("writeBatch", "ids", "json", "vectors"),
                    read("settings", "json"),
                    read("idOfKey", "id?", "string"),
                    read("keyOf", "string?", "int"),
                    read("keysOf", "json", "ids"),
                    write("deleteKey", "boolean", "string"),
                    write("setDocument", "void", "int", "string?"),
                    read("getDocument", "string?", "int")),
                    properties("kernels", "string", "dimensions", "int", "metric", "string", "size", "int")),
            new ExportedClass("database", "dev.teavec.bindings.NativeDatabase", methods(
                    write("add", "void", "string", "json", "index"),
                    write("addWithoutIndex", "void", "string", "json"),
                    write("addTextIndex", "void", "bytes"),
                    read("toBytes", "bytes"),
                    read("name", "string", "int"),
                    read("settings", "json?", "int"),
                    read("index", "index?", "int"),
                    read("textIndexCount", "int", "int"),
                    read("textIndex", "bytes", "int", "int")),
                    properties("count", "int")),
            new ExportedClass("snapshotStore", "dev.teavec.bindings.idb.IdbSnapshotStore", methods(
                    write("saveSnapshot", "promise", "string", "bytes", "int", "callback?"),
                    read("loadSnapshot", "promise", "string", "callback?"),
                    read("listGenerations", "promise", "string"),
                    write("deleteSnapshot", "promise", "string"),
                    read("requestPersistence", "promise"),
                    read("subscribe", "subscription", "string", "callback?")),
                    properties("defaultChunkBytes", "int")),
            new ExportedClass("subscription", "dev.teavec.bindings.idb.SnapshotSubscription", methods(
                    write("close", "void")),
                    properties("active", "boolean"))};

    private EngineApi() {
    }

    private static Method read(String name, String result, String... args) {
        return new Method(name, result, false, args);
    }

    private static Method write(String name, String result, String... args) {
        return new Method(name, result, true, args);
    }

    private static Method[] methods(Method... methods) {
        return methods;
    }

    /** Properties as (name, kind) pairs. */
    private static String[] properties(String... pairs) {
        return pairs;
    }

    /** The whole description as JSON (see the class comment). */
    static String json() {
        StringBuilder sb = new StringBuilder("{\"apiVersion\":").append(API_VERSION);
        ErrorCode[] values = ErrorCode.values();
        String[] codes = new String[values.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = values[i].name();
        }
        sb.append(",\"errorCodes\":").append(strings(codes));
        sb.append(",\"settings\":").append(IndexSettings.describe());
        sb.append(",\"layouts\":{\"hits\":").append(Packing.layoutJson()).append('}');
        sb.append(",\"classes\":{");
        for (int c = 0; c < CLASSES.length; c++) {
            ExportedClass cls = CLASSES[c];
            sb.append(c == 0 ? "" : ",").append('"').append(cls.name).append("\":{\"methods\":{");
            for (int i = 0; i < cls.methods.length; i++) {
                Method m = cls.methods[i];
                sb.append(i == 0 ? "" : ",").append('"').append(m.name).append("\":{\"args\":").append(strings(m.args))
                        .append(",\"result\":\"").append(m.result).append("\",\"mutates\":").append(m.mutates)
                        .append('}');
            }
            sb.append("},\"properties\":{");
            for (int i = 0; i < cls.properties.length; i += 2) {
                sb.append(i == 0 ? "" : ",").append('"').append(cls.properties[i]).append("\":\"")
                        .append(cls.properties[i + 1]).append('"');
            }
            sb.append("}}");
        }
        return sb.append("}}").toString();
    }

    /** A JSON array of names (identifiers: nothing to escape). */
    static String strings(String[] names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "\"" : ",\"").append(names[i]).append('"');
        }
        return sb.append(']').toString();
    }
}
