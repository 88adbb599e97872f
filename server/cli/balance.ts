/** `twinward balance`: placeholder until the balance core lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('twinward balance: not available yet\n');
  return 1;
}
