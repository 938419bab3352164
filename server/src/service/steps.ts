// Work written as resumable steps (a generator that yields at its pause points): the server
// runs it in time slices (`runSliced` in engine.ts), everything else straight through.

/** Runs a step generator to its end (the CLI and tests have nothing to pause for). */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
