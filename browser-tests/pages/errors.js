// Records what should never happen in a test page, in the page itself, so that every engine reports it the same
// way (classic WebDriver, which drives WebKit, has no page-error events): uncaught errors, failed loads of
// scripts and styles, unhandled rejections, Content-Security-Policy violations and console.error calls.
// Loaded first by every page in pages/; the WebKit driver also injects it into pages it does not control (the
// demo) right after each navigation. Read by the drivers as window.__teavecErrors.
(() => {
  if (window.__teavecErrors) return;
  const errors = [];
  window.__teavecErrors = errors;
  const text = (x) => {
    if (x instanceof Error) return `${x.name}: ${x.message}`;
    try {
      return typeof x === 'string' ? x : JSON.stringify(x);
    } catch {
      return String(x);
    }
  };
  window.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) errors.push(`uncaught ${text(e.error ?? e.message)}`);
    else errors.push(`failed to load ${e.target?.src ?? e.target?.href ?? e.target?.tagName}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    errors.push(`Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
  });
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    errors.push(`console.error ${args.map(text).join(' ')}`);
    consoleError(...args);
  };
})();
