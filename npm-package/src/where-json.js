// A Chroma where object as JSON text for the engine, which parses and checks it (nesting, length,
// operators). Built without recursion, so that a where object nested thousands deep reaches the engine
// and gets its INVALID_FILTER instead of overflowing the JS stack; a cyclic one is refused here. Text
// past the engine's length limit is not built: the engine refuses that prefix on its length alone,
// which also stops where objects whose shared sub-objects would expand without end.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function badWhere(problem, json) {
  return new TeaVecError('INVALID_FILTER', `${problem} at position ${json.length}`, { position: json.length, filter: json });
}

/** JSON text of one scalar, failing where JSON.stringify would drop or change it (which could widen a filter). */
function scalarJson(value, out) {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badWhere(`expected a finite number, got ${value}`, out);
    return JSON.stringify(value);
  }
  throw badWhere(`expected a string, number, boolean, null, array or object, got ${describe(value)}`, out);
}

/** JSON text of `where`, or a prefix of it longer than `maxLength` characters. */
export function whereJson(where, maxLength) {
  let out = '';
  const open = [];
  const ancestors = new Set();
  let value = where;
  for (;;) {
    if (out.length > maxLength) return out;
    if (Array.isArray(value) || isPlainObject(value)) {
      if (ancestors.has(value)) throw badWhere('expected a where object that does not contain itself (this one is cyclic)', out);
      ancestors.add(value);
      const keys = Array.isArray(value) ? null : Object.keys(value);
      open.push({ value, keys, next: 0 });
      out += keys ? '{' : '[';
    } else {
      out += scalarJson(value, out);
    }
    // The next value to write: the next item of the innermost open array or object, closing finished ones.
    for (;;) {
      const frame = open[open.length - 1];
      if (frame === undefined) return out;
      const { keys } = frame;
      if (frame.next < (keys ? keys.length : frame.value.length)) {
        if (frame.next > 0) out += ',';
        if (keys) {
          const key = keys[frame.next];
          out += `${JSON.stringify(key)}:`;
          value = frame.value[key];
        } else {
          value = frame.value[frame.next];
        }
        frame.next++;
        break;
      }
      out += keys ? '}' : ']';
      ancestors.delete(frame.value);
      open.pop();
    }
  }
}
