/** The part of bun:ffi used by src/cli/process-title-bun.ts (Bun's own types are not a dependency of the npm package). */
declare module 'bun:ffi' {
  type FfiType = 'ptr' | 'i32' | 'u32' | 'u64' | 'i64';
  type Signature = { args: readonly FfiType[]; returns: FfiType };
  export function dlopen<S extends Record<string, Signature>>(
    path: string,
    symbols: S,
  ): { symbols: { [K in keyof S]: (...args: Array<number | bigint | Uint8Array>) => number | bigint }; close(): void };
  /** Reads memory at a pointer (a 'ptr' return value). */
  export const read: { i32(ptr: number | bigint, offset?: number): number };
}
