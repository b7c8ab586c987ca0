// What every browser script here shares: its settings from the environment, and checks that print what they saw.

/** The environment variable's value; the script stops, naming it, when it is not set. */
export function need(name) {
  const value = process.env[name];
  if (!value) fail(name + ' is not set');
  return value;
}

export function fail(message) {
  console.error('FAILED: ' + message);
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log('ok - ' + message);
}
