// Instantiates the TeaVM Wasm GC module without eval or `new Function`.
//
// TeaVM's own runtime builds fixed-arity wrappers and the @JSBody snippets with `new Function`, which
// Cloudflare Workers and pages under a strict CSP forbid. This file implements the same import
// contract with closures and rest parameters, and resolves every @JSBody snippet from a table made at
// build time (scripts/extract-jsbodies.mjs), so no source text is ever compiled at run time.

const JAVA_OBJECT = Symbol('teavec.javaObject');
const FUNCTIONS = Symbol('teavec.functions');
const FUNCTION_ORIGIN = Symbol('teavec.functionOrigin');
const WRAPPER_CALL = Symbol('teavec.wrapperCall');
const JAVA_EXCEPTION = Symbol('teavec.javaException');

/** Key under which a @JSBody snippet is stored in the build-time table. */
export function jsBodyKey(params, body) {
  return params.join(',') + '\n' + body;
}

function resolveGlobal(name) {
  // Most names are plain globals (typed array constructors on every search): no split, no allocation.
  if (!name.includes('.')) return globalThis[name];
  let value = globalThis;
  for (const part of name.split('.')) {
    if (value === undefined || value === null) {
      throw new ReferenceError(name + ' is not defined');
    }
    value = value[part];
  }
  return value;
}

function assignGlobal(name, value) {
  const parts = name.split('.');
  const last = parts.pop();
  const owner = parts.length ? resolveGlobal(parts.join('.')) : globalThis;
  owner[last] = value;
}

/** Java exceptions surface in JS as this Error; its message is read lazily from the Java object. */
class JavaError extends Error {
  constructor(context, javaException) {
    super();
    this.name = 'JavaError';
    Object.defineProperty(this, '_ctx', { value: context });
    this[JAVA_EXCEPTION] = javaException;
    context.exports['teavm.setJsException'](javaException, this);
  }

  get message() {
    const exports = this._ctx.exports;
    const message = exports['teavm.exceptionMessage'](this[JAVA_EXCEPTION]);
    return message == null ? '' : exports['teavm.stringToJs'](message);
  }
}

function stringImports() {
  const unsupported = () => {
    throw new Error('TeaVec loader: string builtins are not enabled for this module');
  };
  return {
    fromCharCode: (code) => String.fromCharCode(code),
    fromCharCodeArray: unsupported,
    intoCharCodeArray: unsupported,
    concat: (a, b) => a + b,
    charCodeAt: (s, i) => s.charCodeAt(i),
    length: (s) => s.length,
    substring: (s, start, end) => s.substring(start, end),
    equals: (a, b) => a === b,
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  };
}

function dateImports() {
  const withDate = (t, f) => {
    const d = new Date(t);
    f(d);
    return d.getTime();
  };
  return {
    currentTimeMillis: () => Date.now(),
    dateToString: (t) => new Date(t).toString(),
    getYear: (t) => new Date(t).getFullYear(),
    setYear: (t, v) => withDate(t, (d) => d.setFullYear(v)),
    getMonth: (t) => new Date(t).getMonth(),
    setMonth: (t, v) => withDate(t, (d) => d.setMonth(v)),
    getDate: (t) => new Date(t).getDate(),
    setDate: (t, v) => withDate(t, (d) => d.setDate(v)),
    create: (y, mo, d, h, mi, s) => new Date(y, mo, d, h, mi, s).getTime(),
    createFromUTC: (y, mo, d, h, mi, s) => Date.UTC(y, mo, d, h, mi, s),
  };
}

function consoleImports() {
  const lineWriter = (write) => {
    let line = '';
    return (c) => {
      if (c === 10) {
        write(line);
        line = '';
      } else {
        line += String.fromCharCode(c);
      }
    };
  };
  return {
    putcharStdout: lineWriter((s) => console.log(s)),
    putcharStderr: lineWriter((s) => console.error(s)),
  };
}

function coreImports(context) {
  const registry = new FinalizationRegistry(({ ref, queue }) => {
    context.exports['teavm.reportGarbageCollectedValue']?.(queue, ref);
  });
  const stringRegistry = new FinalizationRegistry((held) => {
    context.exports['teavm.reportGarbageCollectedString']?.(held);
  });
  return {
    createWeakRef(value, ref, queue) {
      if (queue !== null) registry.register(value, { ref, queue });
      return new WeakRef(value);
    },
    deref: (weak) => weak.deref() ?? null,
    createStringWeakRef(value, held) {
      stringRegistry.register(value, held);
      return new WeakRef(value);
    },
    stringDeref: (weak) => weak.deref(),
    // Stack traces are not decoded (no debug info ships): an empty trace keeps exceptions cheap.
    takeStackTrace: () => ({ getStack: () => [] }),
    decorateException(javaException) {
      new JavaError(context, javaException);
    },
  };
}

function asyncImports() {
  return {
    offer: (instance, fn, time) => setTimeout(() => fn(instance), Math.max(0, time - Date.now())),
    kill: (id) => clearTimeout(id),
  };
}

// The SIMD kernels' imports: the functions of a second Wasm instance sharing TeaVM's linear memory.
// Handing one instance's exported functions to another as imports lets the engine call them directly,
// Wasm to Wasm (no JS in between), which is what makes one call per distance or per batch cheap.
// Without kernels the engine is told (`enabled` → 0) and never calls the stubs. Which kernels an engine imports
// differs (teavec-quantization.wasm asks for more than teavec.wasm; its own kernel module has them), so every kernel
// export is offered, and without kernels any name gets the stub (WebKit's WebAssembly.Module.imports() throws on
// TeaVM's modules, so the names cannot be listed up front).
async function simdImports(simdModule, memory) {
  if (simdModule) {
    const instance = await WebAssembly.instantiate(simdModule, { env: { memory } });
    return { ...instance.exports, enabled: () => 1 };
  }
  const absent = () => {
    throw new Error('TeaVec loader: the SIMD kernels are not loaded');
  };
  // Not `then`: this object leaves an async function, which would take it for a promise.
  return new Proxy({ enabled: () => 0 }, { get: (stubs, name) => stubs[name] ?? (name === 'then' ? undefined : absent) });
}

function memoryImports(module, imports) {
  const section = WebAssembly.Module.customSections(module, 'teavm.memoryRequirements');
  const req = section.length === 1 ? JSON.parse(new TextDecoder().decode(section[0])) : {};
  const maxSize = 0x7fffffff;
  const memory = new WebAssembly.Memory({
    initial: Math.max(req.min ?? 0, 1),
    maximum: ((maxSize - 1) >> 16) + 1,
  });
  const heapOffset = ((req.dataSize ?? 0) + 7) & ~7;
  imports.env = { memory };
  imports.teavmMemory = {
    linearMemory: () => memory.buffer,
    notifyHeapResized: () => {},
    heapOffset: new WebAssembly.Global({ value: 'i32', mutable: false }, heapOffset),
    maxSize: new WebAssembly.Global({ value: 'i32', mutable: false }, maxSize),
  };
}

function jsoImports(context, jsBodies, stringBuiltins) {
  const jsWrappers = new WeakMap();
  const javaWrappers = new WeakMap();
  const primitiveWrappers = new Map();
  const primitiveFinalization = new FinalizationRegistry((token) => primitiveWrappers.delete(token));
  const hashCodes = new WeakMap();
  let lastHash = 2463534242;

  function toJsException(e) {
    if (e instanceof WebAssembly.Exception) {
      const tag = context.exports['teavm.javaException'];
      if (e.is(tag)) {
        const javaException = e.getArg(tag, 0);
        const extracted = context.exports['teavm.js.extractException'](javaException);
        if (extracted !== null) return extracted;
        return context.exports['teavm.getJsException'](javaException) ?? new JavaError(context, javaException);
      }
    }
    return e;
  }
  function rethrowJavaAsJs(e) {
    throw toJsException(e);
  }
  function rethrowJsAsJava(e) {
    const javaException = e !== null && typeof e === 'object' && JAVA_EXCEPTION in e
      ? e[JAVA_EXCEPTION]
      : context.exports['teavm.js.wrapException'](e);
    context.exports['teavm.js.throwException'](javaException);
    throw e;
  }
  const guardJs = (f) => (...args) => {
    try {
      return f(...args);
    } catch (e) {
      rethrowJsAsJava(e);
    }
  };
  // A Java function exposed to JS; with `vararg`, trailing arguments are gathered into one array.
  function exposeJava(fn, arity, vararg, withThis) {
    return function exposed(...args) {
      if (vararg) {
        args = [...args.slice(0, arity - 1), args.slice(arity - 1)];
      }
      try {
        return withThis ? fn(this, ...args) : fn(...args);
      } catch (e) {
        rethrowJavaAsJs(e);
      }
    };
  }
  function setProperty(obj, prop, value) {
    if (obj === null) assignGlobal(prop, value);
    else obj[prop] = value;
  }
  // Passed to every @JSBody snippet as its first argument, as TeaVM's generated code expects.
  const wrapCallFromJavaToJs = (call) => {
    try {
      return call();
    } catch (e) {
      rethrowJsAsJava(e);
    }
  };
  function createFunction(...paramsAndBody) {
    const body = paramsAndBody.pop();
    const factory = jsBodies.get(jsBodyKey(paramsAndBody, body));
    if (typeof factory !== 'function') {
      throw new Error('TeaVec loader: a @JSBody snippet is missing from the build-time table; rebuild the package');
    }
    return factory.bind(null, wrapCallFromJavaToJs);
  }

  const jso = {
    stringBuiltinsSupported: () => stringBuiltins,
    isUndefined: (o) => typeof o === 'undefined',
    emptyArray: () => [],
    appendToArray: (array, e) => array.push(e),
    unwrapBoolean: (v) => (v ? 1 : 0),
    wrapBoolean: (v) => !!v,
    getProperty: guardJs((obj, prop) => (obj !== null ? obj[prop] : resolveGlobal(prop))),
    setProperty,
    setPropertyPure: setProperty,
    global: guardJs(resolveGlobal),
    createClass(name, parent, constructor) {
      let init;
      function JavaClass(marker, javaObject) {
        if (marker === WRAPPER_CALL) {
          init.call(this, javaObject);
          return undefined;
        }
        if (constructor === null) throw new Error('This class cannot be instantiated directly');
        try {
          return constructor(...arguments);
        } catch (e) {
          rethrowJavaAsJs(e);
        }
      }
      init = parent === null
        ? function initRoot(javaObject) {
          this[JAVA_OBJECT] = javaObject;
          this[FUNCTIONS] = null;
        }
        : function initChild(javaObject) {
          parent.call(this, javaObject);
        };
      JavaClass.prototype = Object.create(parent ? parent.prototype : Object.prototype);
      JavaClass.prototype.constructor = JavaClass;
      if (name) Object.defineProperty(JavaClass, 'name', { value: String(name) });
      function wrap(javaObject) {
        return JavaClass.call(this, WRAPPER_CALL, javaObject);
      }
      wrap[WRAPPER_CALL] = JavaClass;
      wrap.prototype = JavaClass.prototype;
      return wrap;
    },
    exportClass: (cls) => cls[WRAPPER_CALL],
    defineMethod(cls, name, fn, vararg) {
      cls.prototype[name] = exposeJava(fn, fn.length - 1, vararg, true);
    },
    defineStaticMethod(cls, name, fn, vararg) {
      cls[name] = exposeJava(fn, fn.length, vararg, false);
    },
    defineFunction: (fn, vararg) => exposeJava(fn, fn.length, vararg, false),
    defineProperty(cls, name, getFn, setFn) {
      Object.defineProperty(cls.prototype, name, {
        get() {
          try {
            return getFn(this);
          } catch (e) {
            rethrowJavaAsJs(e);
          }
        },
        set: setFn === null ? undefined : function set(value) {
          try {
            setFn(this, value);
          } catch (e) {
            rethrowJavaAsJs(e);
          }
        },
        configurable: true,
      });
    },
    defineStaticProperty(cls, name, getFn, setFn) {
      Object.defineProperty(cls, name, {
        get() {
          try {
            return getFn();
          } catch (e) {
            rethrowJavaAsJs(e);
          }
        },
        set: setFn === null ? undefined : (value) => {
          try {
            setFn(value);
          } catch (e) {
            rethrowJavaAsJs(e);
          }
        },
        configurable: true,
      });
    },
    javaObjectToJS(instance, cls) {
      if (instance === null) return null;
      const existing = jsWrappers.get(instance)?.deref();
      if (existing !== undefined) return existing;
      const obj = new cls(instance);
      jsWrappers.set(instance, new WeakRef(obj));
      return obj;
    },
    unwrapJavaObject: (obj) => obj[JAVA_OBJECT],
    asFunction(instance, property) {
      if (instance === null || instance === undefined) return null;
      let functions = instance[FUNCTIONS];
      if (functions === null || functions === undefined) {
        functions = Object.create(null);
        instance[FUNCTIONS] = functions;
      }
      let result = functions[property];
      if (typeof result !== 'function') {
        result = (...args) => instance[property](...args);
        result[FUNCTION_ORIGIN] = instance;
        functions[property] = result;
      }
      return result;
    },
    functionAsObject(fn, property) {
      if (fn === null || fn === undefined) return null;
      const origin = fn[FUNCTION_ORIGIN];
      if (origin !== undefined && origin[FUNCTIONS]?.[property] === fn) return origin;
      return {
        [property](...args) {
          try {
            return fn(...args);
          } catch (e) {
            rethrowJavaAsJs(e);
          }
        },
      };
    },
    wrapObject(obj) {
      if (obj === null) return null;
      if (typeof obj === 'object' || typeof obj === 'function' || typeof obj === 'symbol') {
        const own = obj[JAVA_OBJECT];
        if (typeof own === 'object') return own;
        const cached = javaWrappers.get(obj)?.deref();
        if (cached !== undefined) return cached;
        const wrapper = context.exports['teavm.jso.createWrapper'](obj);
        javaWrappers.set(obj, new WeakRef(wrapper));
        return wrapper;
      }
      const cached = primitiveWrappers.get(obj)?.deref();
      if (cached !== undefined) return cached;
      const wrapper = context.exports['teavm.jso.createWrapper'](obj);
      primitiveWrappers.set(obj, new WeakRef(wrapper));
      primitiveFinalization.register(wrapper, obj);
      return wrapper;
    },
    isPrimitive: (value, type) => typeof value === type || value === null,
    instanceOf: (value, type) => value instanceof type,
    instanceOfOrNull: (value, type) => value === null || value instanceof type,
    sameRef: (a, b) => a === b,
    hashCode(obj) {
      const t = typeof obj;
      if (t === 'object' || t === 'function' || t === 'symbol') {
        let code = hashCodes.get(obj);
        if (typeof code !== 'number') {
          // xorshift32: cheap, well spread identity hashes.
          let x = lastHash;
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          lastHash = x;
          code = x;
          hashCodes.set(obj, code);
        }
        return code;
      }
      if (t === 'number') return obj | 0;
      if (t === 'bigint') return Number(BigInt.asIntN(32, obj));
      if (t === 'boolean') return obj ? 1 : 0;
      return 0;
    },
    apply: guardJs((instance, method, args) => (instance === null
      ? resolveGlobal(method)(...args)
      : instance[method](...args))),
    concatArray: (a, b) => [...a, ...b],
    // null, not undefined, for errors that did not come from Java: Wasm GC refuses undefined as a Java reference.
    getJavaException: (e) => e?.[JAVA_EXCEPTION] ?? null,
    getJSException: (e) => context.exports['teavm.getJsException'](e),
    jsExports: () => context.userExports,
  };
  for (const kind of ['Byte', 'Short', 'Char', 'Int', 'Long', 'Float', 'Double']) {
    jso['wrap' + kind] = (v) => v;
    jso['unwrap' + kind] = (v) => v;
  }
  const callFunction = guardJs((fn, ...args) => fn(...args));
  const callMethod = guardJs((instance, method, ...args) => (instance !== null
    ? instance[method](...args)
    : resolveGlobal(method)(...args)));
  const construct = guardJs((Ctor, ...args) => new Ctor(...args));
  const arrayOf = (...args) => args;
  const bindFunction = (f, ...bound) => f.bind(null, ...bound);
  for (let i = 0; i < 32; i++) {
    jso['createFunction' + i] = createFunction;
    jso['bindFunction' + i] = bindFunction;
    jso['callFunction' + i] = callFunction;
    jso['callMethod' + i] = callMethod;
    jso['construct' + i] = construct;
    jso['arrayOf' + i] = arrayOf;
  }
  return jso;
}

/**
 * Instantiates a compiled TeaVM module. `jsBodies` maps jsBodyKey(params, body) to a function taking
 * (wrapCallFromJavaToJs, ...params). `simdModule` is the compiled SIMD kernels (src/simd/kernels.wat),
 * or null for the scalar kernels. Returns the module's JS exports.
 */
export async function instantiate(module, jsBodies, simdModule = null) {
  const context = { exports: null, userExports: {} };
  const imports = {
    'wasm:js-string': stringImports(),
    teavmDate: dateImports(),
    teavmConsole: consoleImports(),
    teavm: coreImports(context),
    teavmAsync: asyncImports(),
    teavmMath: Math,
  };
  memoryImports(module, imports);
  imports.teavecSimd = await simdImports(simdModule, imports.env.memory);
  // Compiled with the JS string builtins (init.js compileFrom), the engine lists no wasm:js-string imports: then
  // strings cross in bulk (intoCharCodeArray / fromCharCodeArray), not one charCodeAt / concat call per character.
  // (WebKit's Module.imports throws on this module's types: no builtins there either.)
  let stringBuiltins = false;
  try {
    stringBuiltins = !WebAssembly.Module.imports(module).some((i) => i.module === 'wasm:js-string');
  } catch {
    // keep the imports
  }
  imports.teavmJso = jsoImports(context, jsBodies, stringBuiltins);
  const instance = await WebAssembly.instantiate(module, imports);
  context.exports = instance.exports;
  const userExports = context.userExports;
  for (const [key, value] of Object.entries(instance.exports)) {
    if (value instanceof WebAssembly.Global) {
      Object.defineProperty(userExports, key, { get: () => value.value, enumerable: true });
    }
  }
  return userExports;
}
