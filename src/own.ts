/** Look a user-typed word up in a table without reaching Object.prototype ("toString", "constructor"). */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
