package dev.teavec.bindings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.meta.JsonNode;
import dev.teavec.core.meta.JsonReader;
import dev.teavec.core.search.FilteredResult;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSProperty;

/**
 * The description of the boundary (EngineApi) against the {@code @JSExport} methods themselves, by
 * reflection on the JVM: same methods, same properties, same arity, every kind matching its Java type.
 * A method exported but not described, or described with the wrong arguments, fails here.
 */
public class EngineApiTest {
    /** The Java types each kind may stand for. */
    private static final Map<String, List<String>> TYPES = Map.ofEntries(
            Map.entry("vector", List.of("Float32Array")), Map.entry("vectors", List.of("Float32Array")),
            Map.entry("int", List.of("int")), Map.entry("filterKind", List.of("int")),
            Map.entry("id", List.of("int")), Map.entry("id?", List.of("int")),
            Map.entry("number", List.of("double")), Map.entry("boolean", List.of("boolean")),
            Map.entry("string", List.of("String")), Map.entry("string?", List.of("String")),
            Map.entry("json", List.of("String")), Map.entry("json?", List.of("String")),
            Map.entry("filter", List.of("String")), Map.entry("ids", List.of("Int32Array")),
            Map.entry("bytes", List.of("Int8Array")), Map.entry("hits", List.of("Float64Array")),
            Map.entry("void", List.of("void")), Map.entry("promise", List.of("JSPromise")),
            Map.entry("callback?", List.of("ProgressCallback", "SnapshotListener")),
            Map.entry("indexTypes", List.of("JsIndexTypeTable")),
            Map.entry("index", List.of("NativeIndex")), Map.entry("index?", List.of("NativeIndex")),
            Map.entry("database", List.of("NativeDatabase")), Map.entry("snapshotStore", List.of("IdbSnapshotStore")),
            Map.entry("subscription", List.of("SnapshotSubscription")));

    @Test
    public void theDescriptionIsExactlyTheExports() throws ClassNotFoundException {
        for (EngineApi.ExportedClass cls : EngineApi.CLASSES) {
            Class<?> java = Class.forName(cls.javaClass, false, getClass().getClassLoader());
            Map<String, Method> methods = new TreeMap<>();
            Map<String, Method> properties = new TreeMap<>();
            for (Method m : java.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(JSExport.class)) {
                    continue;
                }
                assertTrue(m + " is public", Modifier.isPublic(m.getModifiers()));
                if (m.isAnnotationPresent(JSProperty.class)) {
                    String bare = m.getName().replaceFirst("^(get|is)", "");
                    properties.put(Character.toLowerCase(bare.charAt(0)) + bare.substring(1), m);
                } else {
                    methods.put(m.getName(), m);
                }
            }
            Map<String, EngineApi.Method> described = new TreeMap<>();
            for (EngineApi.Method m : cls.methods) {
                described.put(m.name, m);
            }
            assertEquals(cls.name + ": methods", methods.keySet(), described.keySet());
            for (EngineApi.Method d : cls.methods) {
                Method m = methods.get(d.name);
                String where = cls.name + "." + d.name;
                assertEquals(where + ": arity", m.getParameterCount(), d.args.length);
                assertKind(where + " result", d.result, m.getReturnType());
                for (int i = 0; i < d.args.length; i++) {
                    assertKind(where + " argument " + i, d.args[i], m.getParameterTypes()[i]);
                }
            }
            Map<String, String> describedProperties = new TreeMap<>();
            for (int i = 0; i < cls.properties.length; i += 2) {
                describedProperties.put(cls.properties[i], cls.properties[i + 1]);
            }
            assertEquals(cls.name + ": properties", properties.keySet(), describedProperties.keySet());
            properties.forEach((name, m) -> assertKind(cls.name + "." + name, describedProperties.get(name), m.getReturnType()));
        }
    }

    private static void assertKind(String where, String kind, Class<?> type) {
        List<String> allowed = TYPES.get(kind);
        assertTrue(where + ": unknown kind " + kind, allowed != null);
        assertTrue(where + ": kind " + kind + " does not describe " + type.getSimpleName(), allowed.contains(type.getSimpleName()));
    }

    @Test
    public void theJsonHoldsEverythingTheBuildGeneratesFrom() {
        JsonNode api = JsonReader.parse(EngineApi.json(), ErrorCode.INVALID_ARGUMENT, "", 1024, 1024);
        Map<String, JsonNode> top = new TreeMap<>();
        for (int i = 0; i < api.size(); i++) {
            top.put(api.key(i), api.item(i));
        }
        assertEquals(List.of("apiVersion", "classes", "errorCodes", "layouts", "settings"), List.copyOf(top.keySet()));
        assertEquals(ErrorCode.values().length, top.get("errorCodes").size());
        assertEquals(ErrorCode.values()[0].name(), top.get("errorCodes").item(0).text());
        assertEquals(EngineApi.CLASSES.length, top.get("classes").size());
    }

    @Test
    public void strategyNamesFollowTheEngineCodes() {
        assertEquals("exact", Packing.STRATEGIES[FilteredResult.EXACT]);
        assertEquals("graph", Packing.STRATEGIES[FilteredResult.GRAPH]);
        assertEquals("graphThenExact", Packing.STRATEGIES[FilteredResult.GRAPH_THEN_EXACT]);
        assertEquals("unfiltered", Packing.STRATEGIES[Packing.UNFILTERED]);
    }
}
