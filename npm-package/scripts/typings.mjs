// The shipped typings: types/index.d.ts with its generated parts filled in from the engine's description
// (src/generated/engine.js): the ErrorCode and Quantization unions, and the range and default of every setting.

/** "An integer in 2..512. Default 16." for one row of the settings table. */
export function settingText(s) {
  const parts = [];
  if (s.kind === 'integer' || s.kind === 'number') {
    const low = s.minField ?? s.min;
    parts.push(s.kind === 'integer' ? `An integer in ${low}..${s.max}.` : `A number in ${s.minExclusive ? '(' : '['}${low}, ${s.max}].`);
  }
  if (s.defaultEquals !== undefined) parts.push(`Default: ${s.defaultOf} === '${s.defaultEquals}'.`);
  else if (s.defaultOf !== undefined && s.defaultDivisor !== undefined) parts.push(`Default ⌈${s.defaultOf} / ${s.defaultDivisor}⌉.`);
  else if (s.defaultOf !== undefined) parts.push(`Default ${s.defaultFactor}·${s.defaultOf}.`);
  else if (s.default !== undefined) parts.push(`Default ${typeof s.default === 'string' ? `'${s.default}'` : s.default}.`);
  return parts.join(' ');
}

/**
 * Fills the placeholders of `template`: `/* generated: ErrorCode *\/ string` becomes the union of every
 * error code, `{@setting NAME}` the range and default of that setting. Throws on an unknown setting or a
 * placeholder left unfilled.
 */
export function fillTypings(template, api) {
  const union = api.errorCodes.map((code) => `\n  | '${code}'`).join('');
  let out = template.replace('/* generated: ErrorCode */ string', union);
  const byName = new Map(api.settings.map((s) => [s.name, s]));
  out = out.replace('/* generated: Quantization */ string', byName.get('quantization').choices.map((c) => `'${c}'`).join(' | '));
  out = out.replace(/\{@setting ([A-Za-z_0-9]+)\}/g, (_, name) => {
    const s = byName.get(name);
    if (!s) throw new Error(`typings: no setting named ${name} in the engine's table`);
    return settingText(s);
  });
  if (out.includes('/* generated:') || out.includes('{@setting')) throw new Error('typings: a placeholder was left unfilled');
  return out;
}
