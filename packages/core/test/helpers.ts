import { JianceError } from '../src/index.js';

/** Runs f and returns the JianceError it throws (fails the test otherwise). */
export function thrown(f: () => unknown): JianceError {
  try {
    f();
  } catch (error) {
    if (error instanceof JianceError) return error;
    throw error;
  }
  throw new Error('expected a JianceError');
}
