// Assertions of the contract suites (wal-contract.js, database-contract.js): plain ES module without Node
// imports, so that the same cases run in Node and in browsers.
export class ContractFailure extends Error {}

export function ok(value, message) {
  if (!value) throw new ContractFailure(message);
}

export function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ContractFailure(`${what}:\n expected ${e.slice(0, 400)}\n got      ${a.slice(0, 400)}`);
}

export async function rejectsWith(promise, code, what) {
  try {
    await promise;
  } catch (e) {
    if (e?.code !== code) throw new ContractFailure(`${what}: expected ${code}, got ${e?.code} ${e?.message}`);
    return e;
  }
  throw new ContractFailure(`${what}: expected ${code}, but it succeeded`);
}
