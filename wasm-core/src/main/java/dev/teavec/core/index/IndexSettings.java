package dev.teavec.core.index;

import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.meta.JsonWriter;
import dev.teavec.core.vector.Metric;

/**
 * Index settings as users write them: a JSON object holding only the fields they set, spelled as in
 * JavaScript ({@code ef_search}, {@code compactionThreshold}). The engine fills in the rest and checks
 * everything once, so a message always names the field as the user wrote it. The numeric fields are the
 * rows of {@link ConfigField}; the others are names ({@code metric}, {@code indexType},
 * {@code quantization}, resolved by their own types) and the flag {@code rerank} and {@code leanGraph}.
 */
public final class IndexSettings {
    public static final Metric DEFAULT_METRIC = Metric.COSINE;
    private static final String METRIC = "metric";
    private static final String INDEX_TYPE = "indexType";
    private static final String QUANTIZATION = "quantization";
    private static final String RERANK = "rerank";
    /** rerank's third value: re-score candidates on float rows read from the database's storage. */
    private static final String RERANK_STORAGE = "storage";
    private static final String LEAN_GRAPH = "leanGraph";

    private IndexSettings() {
    }

    /** The config for the settings in {@code json}; INVALID_CONFIG naming the first bad or unknown field. */
    public static IndexConfig read(String json) {
        JsonNode settings = JsonReader.parse(json, ErrorCode.INVALID_CONFIG, "settings: ");
        if (settings.kind() != JsonNode.OBJECT) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                    "settings must be an object of the fields to set, got " + describe(settings));
        }
        JsonNode[] numbers = new JsonNode[ConfigField.values().length];
        String metric = DEFAULT_METRIC.jsName();
        String indexType = null;
        String quantization = null;
        JsonNode rerank = null;
        JsonNode leanGraph = null;
        for (int i = 0; i < settings.size(); i++) {
            String key = settings.key(i);
            JsonNode value = settings.item(i);
            ConfigField field = ConfigField.byUserName(key);
            if (field != null) {
                numbers[field.ordinal()] = value;
            } else if (key.equals(METRIC)) {
                metric = name(key, value);
            } else if (key.equals(INDEX_TYPE)) {
                indexType = name(key, value);
            } else if (key.equals(QUANTIZATION)) {
                quantization = name(key, value);
            } else if (key.equals(RERANK)) {
                rerank = value;
            } else if (key.equals(LEAN_GRAPH)) {
                leanGraph = value;
            } else {
                StringBuilder known = new StringBuilder();
                for (String name : names()) {
                    known.append(known.length() == 0 ? "" : ", ").append(name);
                }
                throw new TeaVecException(ErrorCode.INVALID_CONFIG, "unknown setting '" + key + "'; the settings are "
                        + known);
            }
        }
        if (numbers[ConfigField.DIMENSIONS.ordinal()] == null) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                    "dimensions is required: the length of every vector, an integer in 1.."
                            + ConfigField.format(ConfigField.DIMENSIONS.max()));
        }
        int dimensions = (int) number(ConfigField.DIMENSIONS, numbers, Double.NaN);
        IndexConfig.Builder b = IndexConfig.builder(dimensions, Metric.fromName(metric));
        int m = numbers[ConfigField.M.ordinal()] == null ? IndexConfig.DEFAULT_M
                : (int) number(ConfigField.M, numbers, Double.NaN);
        b.m(m);
        for (ConfigField field : ConfigField.values()) {
            if (numbers[field.ordinal()] != null && field != ConfigField.DIMENSIONS && field != ConfigField.M) {
                apply(b, field, number(field, numbers, m));
            }
        }
        if (indexType != null) {
            b.indexType(indexType);
        }
        if (quantization != null) {
            b.quantization(quantization);
        }
        if (rerank != null) {
            if (rerank.kind() == JsonNode.STRING && RERANK_STORAGE.equals(rerank.text())) {
                b.rerankFromStorage(true);
            } else if (rerank.kind() == JsonNode.BOOLEAN) {
                b.keepFloatsForRerank(rerank.bool());
            } else {
                throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                        "rerank must be true, false or 'storage', got " + describe(rerank));
            }
        }
        if (leanGraph != null) {
            if (leanGraph.kind() != JsonNode.BOOLEAN) {
                throw new TeaVecException(ErrorCode.INVALID_CONFIG, "leanGraph must be true or false, got "
                        + describe(leanGraph));
            }
            b.leanGraph(leanGraph.bool());
        }
        return b.build();
    }

    private static void apply(IndexConfig.Builder b, ConfigField field, double v) {
        switch (field) {
            case M0 -> b.m0((int) v);
            case EF_CONSTRUCTION -> b.efConstruction((int) v);
            case EF_SEARCH -> b.efSearch((int) v);
            case COMPACTION_THRESHOLD -> b.compactionThreshold(v);
            case SEED -> b.seed((long) v);
            case PQ_SUBSPACES -> b.pqSubspaces((int) v);
            default -> throw new IllegalStateException("no builder setter for " + field);
        }
    }

    /** The value of a numeric field, checked against its row; {@code bound}: the value of the field bounding it. */
    private static double number(ConfigField field, JsonNode[] numbers, double bound) {
        JsonNode node = numbers[field.ordinal()];
        if (node.kind() != JsonNode.NUMBER) {
            throw field.invalid(describe(node), bound);
        }
        field.check(node.number(), bound);
        return node.number();
    }

    private static String name(String key, JsonNode value) {
        if (value.kind() != JsonNode.STRING) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, key + " must be a string, got " + describe(value));
        }
        return value.text();
    }

    /** A JSON value as error messages show it: {@code string "16"}, {@code true}, {@code 2.5}. */
    private static String describe(JsonNode node) {
        switch (node.kind()) {
            case JsonNode.STRING:
                StringBuilder sb = new StringBuilder("string ");
                JsonWriter.writeString(sb, node.text().length() > 40 ? node.text().substring(0, 40) + "…" : node.text());
                return sb.toString();
            case JsonNode.NUMBER:
                return ConfigField.format(node.number());
            case JsonNode.BOOLEAN:
                return String.valueOf(node.bool());
            case JsonNode.ARRAY:
                return "an array";
            case JsonNode.OBJECT:
                return "an object";
            default:
                return "null";
        }
    }

    /** Every setting's name, in the order {@link #write} lists them. */
    public static String[] names() {
        return new String[] {ConfigField.DIMENSIONS.userName(), METRIC, ConfigField.M.userName(),
            ConfigField.M0.userName(), ConfigField.EF_CONSTRUCTION.userName(), ConfigField.EF_SEARCH.userName(),
            INDEX_TYPE, QUANTIZATION, RERANK, LEAN_GRAPH, ConfigField.PQ_SUBSPACES.userName(),
            ConfigField.COMPACTION_THRESHOLD.userName(), ConfigField.SEED.userName()};
    }

    /** Every setting of {@code c}, defaults included, as {@link #read} takes them. */
    public static String write(IndexConfig c) {
        StringBuilder sb = new StringBuilder("{");
        for (String name : names()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            JsonWriter.writeString(sb, name);
            sb.append(':');
            writeValue(sb, c, name);
        }
        return sb.append('}').toString();
    }

    private static void writeValue(StringBuilder sb, IndexConfig c, String name) {
        switch (name) {
            case METRIC -> JsonWriter.writeString(sb, c.metric().jsName());
            case INDEX_TYPE -> JsonWriter.writeString(sb, c.indexType());
            case QUANTIZATION -> JsonWriter.writeString(sb,
                    VectorEncodings.FLOAT32.equals(c.encoding()) ? VectorEncodings.NONE : c.encoding());
            case RERANK -> {
                if (c.rerankFromStorage()) {
                    JsonWriter.writeString(sb, RERANK_STORAGE);
                } else {
                    sb.append(c.keepFloatsForRerank());
                }
            }
            case LEAN_GRAPH -> sb.append(c.leanGraph());
            default -> sb.append(ConfigField.format(numeric(c, ConfigField.byUserName(name))));
        }
    }

    private static double numeric(IndexConfig c, ConfigField field) {
        return switch (field) {
            case DIMENSIONS -> c.dimensions();
            case M -> c.m();
            case M0 -> c.m0();
            case EF_CONSTRUCTION -> c.efConstruction();
            case EF_SEARCH -> c.efSearch();
            case COMPACTION_THRESHOLD -> c.compactionThreshold();
            case SEED -> c.seed();
            case PQ_SUBSPACES -> c.pqSubspaces();
        };
    }

    /**
     * The settings table for other languages: for each setting in {@link #names()} order, its name, kind
     * ("integer", "number", "name" or "boolean"), default, for numbers the range, for quantization its
     * {@code "choices"}; a derived default is {@code "defaultOf"} and {@code "defaultFactor"} (or
     * {@code "defaultDivisor"}: ⌈value / divisor⌉), a bound set by another field {@code "minField"}.
     */
    public static String describe() {
        IndexConfig defaults = IndexConfig.builder(1, DEFAULT_METRIC).build();
        StringBuilder sb = new StringBuilder("[");
        for (String name : names()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"name\":");
            JsonWriter.writeString(sb, name);
            ConfigField field = ConfigField.byUserName(name);
            if (name.equals(LEAN_GRAPH)) {
                // Derived: true when rerank is 'storage' (IndexConfig.Builder#rerankFromStorage sets it).
                sb.append(",\"kind\":\"boolean\",\"defaultOf\":\"" + RERANK + "\",\"defaultEquals\":\"" + RERANK_STORAGE
                        + "\"");
            } else if (field == null) {
                sb.append(",\"kind\":\"").append(name.equals(RERANK) ? "boolean" : "name").append("\",\"default\":");
                writeValue(sb, defaults, name);
                if (name.equals(RERANK)) {
                    sb.append(",\"choices\":[false,true,\"").append(RERANK_STORAGE).append("\"]");
                }
                if (name.equals(QUANTIZATION)) {
                    sb.append(",\"choices\":[");
                    String[] choices = VectorEncodings.quantizationChoices();
                    for (int i = 0; i < choices.length; i++) {
                        JsonWriter.writeString(sb.append(i == 0 ? "" : ","), choices[i]);
                    }
                    sb.append(']');
                }
            } else {
                describeNumber(sb, field);
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void describeNumber(StringBuilder sb, ConfigField field) {
        sb.append(",\"kind\":\"").append(field.integer() ? "integer" : "number").append('"');
        if (field.minField() != null) {
            sb.append(",\"minField\":\"").append(field.minField().userName()).append('"');
        } else {
            sb.append(",\"min\":").append(ConfigField.format(field.min()));
        }
        sb.append(",\"minExclusive\":").append(field.minExclusive());
        sb.append(",\"max\":").append(ConfigField.format(field.max()));
        if (field.defaultOf() != null && field.defaultDivisor() > 0) {
            sb.append(",\"defaultOf\":\"").append(field.defaultOf().userName()).append("\",\"defaultDivisor\":")
                    .append(field.defaultDivisor());
        } else if (field.defaultOf() != null) {
            sb.append(",\"defaultOf\":\"").append(field.defaultOf().userName()).append("\",\"defaultFactor\":")
                    .append(field.defaultFactor());
        } else if (!Double.isNaN(field.defaultValue())) {
            sb.append(",\"default\":").append(ConfigField.format(field.defaultValue()));
        }
    }
}
