/**
 * `twinward <command> ...`: each command lives in its own module exporting
 * `run(args): Promise<number>` (the exit code), loaded only when asked for.
 */
type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  balance: {
    summary:
      'balance <file.alb|file.csv> (--cycle C | --stations M) [--time-limit S] [--json] [--models A=0.6,B=0.4] [--mixed-rule strict|average] [--tolerance X] [--sequence A,B] [--u-line] [--parallel MAX[,COST]]',
    load: () => import('./balance.ts'),
  },
  'create-admin': {
    summary: 'create-admin --email EMAIL [--name NAME]   (password from TWINWARD_ADMIN_PASSWORD, else asked)',
    load: () => import('./createAdmin.ts'),
  },
  feed: {
    summary: 'feed --line CODE|ID --to http://…|mqtt://… [--speedup N] [--from ISO|-6h] [--token T]',
    load: () => import('./feed.ts'),
  },
  simulate: {
    summary: 'simulate <model.json> [--json]',
    load: () => import('./simulate.ts'),
  },
};

/** Runs the CLI with the arguments after the program name; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const usage = Object.values(commands)
      .map((c) => `  twinward ${c.summary}`)
      .join('\n');
    process.stderr.write(`${name ? `unknown command: ${name}\n` : ''}usage:\n${usage}\n`);
    return name === undefined || name === '--help' || name === '-h' ? 0 : 2;
  }
  const mod = await command.load();
  return mod.run(args);
}
