// A seeded PRNG (mulberry32), uniform in [0, 1): plain ES module without Node imports, so Node tests,
// the test pages in Chromium (served as /npm-test/) and browser-tests share this one.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
