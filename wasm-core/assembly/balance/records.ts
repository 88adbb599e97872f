/**
 * Field access for the state records of states.ts (layout described there): the stations a
 * state uses, its parent, its lower bound with the "still open" flag, and its task bits.
 */

/** Bit 15 of the bound field: the state is queued and not expanded yet. */
const OPEN_BIT: i32 = 0x8000;

@inline export function levelOf(rec: usize): i32 {
  return <i32>load<u16>(rec, 12);
}

@inline export function setLevel(rec: usize, level: i32): void {
  store<u16>(rec, <u16>level, 12);
}

@inline export function parentOf(rec: usize): i32 {
  return load<i32>(rec, 8);
}

@inline export function setParent(rec: usize, parent: i32): void {
  store<i32>(rec, parent, 8);
}

/** Lower bound on the total number of stations of any completion of this state. */
@inline export function boundOf(rec: usize): i32 {
  return <i32>load<u16>(rec, 14) & (OPEN_BIT - 1);
}

@inline export function isOpen(rec: usize): bool {
  return (<i32>load<u16>(rec, 14) & OPEN_BIT) != 0;
}

@inline export function setBound(rec: usize, bound: i32, open: bool): void {
  store<u16>(rec, <u16>(min(bound, OPEN_BIT - 1) | (open ? OPEN_BIT : 0)), 14);
}

@inline export function bitsOf(rec: usize): usize {
  return rec + 16;
}
