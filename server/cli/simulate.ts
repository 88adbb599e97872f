/** `twinward simulate`: placeholder until the simulate core lands. */
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('twinward simulate: not available yet\n');
  return 1;
}
