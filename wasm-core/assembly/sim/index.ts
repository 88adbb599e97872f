/** Version of the simulation core's memory layout; the host checks it at load. */
export function layoutVersion(): i32 {
  return 1;
}
