/**
 * The shape of one command-line command. Each lives in its own file under commands/ and is listed in index.ts.
 * Commands write results to `out`, errors to `err`, and return the process exit code; they never call
 * process.exit themselves, so tests can run them in-process.
 */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Working directory against which relative paths are resolved. */
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Usage line, e.g. "import FILE... [--json] [-o OUT.qdpx]". */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Splits arguments into positionals and --flags (a flag takes the next argument as its value unless listed as boolean). */
export function parseArgs(
  args: string[],
  booleanFlags: readonly string[] = [],
): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (booleanFlags.includes(name)) flags.set(name, true);
      else if (i + 1 < args.length) flags.set(name, args[++i]!);
      else flags.set(name, true);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}
