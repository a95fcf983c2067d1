/** How a drill tells the person watching what it is doing: on stderr, so stdout stays the result. */
export interface Progress {
  start(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  info(text: string): void;
}

/** One line per event: for CI logs and anything that is not a terminal. */
export function lineProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  return {
    start: (text) => stream.write(`… ${text}\n`),
    succeed: (text) => stream.write(`✓ ${text}\n`),
    fail: (text) => stream.write(`✗ ${text}\n`),
    info: (text) => stream.write(`  ${text}\n`),
  };
}

/** A spinner on the current step, replaced by ✓ or ✗ when it ends. */
export async function spinnerProgress(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Progress> {
  const { default: ora } = await import('ora');
  // NO_COLOR (no-color.org) turns the spinner's colour off too.
  const spinner = ora({ stream, discardStdin: false, ...(env.NO_COLOR ? { color: false as const } : {}) });
  return {
    start: (text) => void spinner.start(text),
    succeed: (text) => void spinner.succeed(text),
    fail: (text) => void spinner.fail(text),
    info: (text) => {
      if (spinner.isSpinning) spinner.text = text;
      else stream.write(`  ${text}\n`);
    },
  };
}

/**
 * A spinner only on a real terminal: one that reports its width (a pseudo-terminal of zero columns would make
 * the spinner redraw without end) and is not TERM=dumb.
 */
export function progressFor(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Progress> {
  const terminal = stream.isTTY === true && (stream.columns ?? 0) > 0 && env.TERM !== 'dumb';
  return terminal ? spinnerProgress(stream, env) : Promise.resolve(lineProgress(stream));
}
