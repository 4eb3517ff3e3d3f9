/**
 * A value made on first use, once: later callers get the same promise. A failed making is forgotten, so the next
 * caller tries again (a module that failed to load once, say for lack of file handles, may load the next time).
 * @module
 */

/** Makes its value on the first `get()`. */
export class Lazy<T> {
  readonly #make: () => Promise<T>;
  #value: Promise<T> | undefined;

  constructor(make: () => Promise<T>) {
    this.#make = make;
  }

  /** The value, made now if it was not yet (or if its making failed). */
  get(): Promise<T> {
    if (this.#value === undefined) {
      const value = this.#make();
      this.#value = value;
      value.catch(() => {
        if (this.#value === value) this.#value = undefined;
      });
    }
    return this.#value;
  }

  /** The value if its making has started, without starting it. */
  peek(): Promise<T> | undefined {
    return this.#value;
  }
}
