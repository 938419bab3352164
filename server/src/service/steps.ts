// Work written as resumable steps (a generator that yields at its pause points): the server
// runs it in time slices (`runSliced` in engine.ts), everything else straight through.

/** Runs a step generator to its end (the CLI and tests have nothing to pause for). */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Yields to the event loop so queued messages are handled between slices. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs steps in slices of at most about `sliceMs`, letting other work run in between;
 * returns undefined as soon as `isCancelled` says the result is no longer wanted.
 */
export async function runSliced<T>(steps: Generator<void, T>, isCancelled: () => boolean, sliceMs = 4): Promise<T | undefined> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= sliceMs) {
      await tick();
      if (isCancelled()) {
        steps.return(undefined as T);
        return undefined;
      }
      start = performance.now();
    }
  }
}
