/** What a bench child sends its parent: an answer, or why it could not give one. */
export type ChildMessage = { ok: unknown } | { error: string };

function send(message: ChildMessage): void {
  if (!process.send) {
    throw new Error('This bench script runs as a child of the bench (child-task.ts), with IPC.');
  }
  process.send(message);
}

const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** In a bench child: the options the parent forked it with (its one argument). */
export function childOptions<Options>(): Options {
  return JSON.parse(process.argv[2] ?? '{}') as Options;
}

/**
 * In a bench child: runs `setUp`, tells the parent it is ready (with what `setUp`
 * returned), then answers each request with `answer`, one at a time, in order.
 */
export function serveParent<Ready, Request>(
  setUp: () => Promise<Ready>,
  answer: (request: Request) => Promise<unknown>,
): void {
  let queue = Promise.resolve();
  const reply = (work: () => Promise<unknown>) => {
    queue = queue.then(() =>
      work().then(
        (ok) => send({ ok }),
        (error: unknown) => send({ error: describe(error) }),
      ),
    );
  };
  // A child outlives nothing: when the bench ends, however it ends, so does the child.
  process.on('disconnect', () => process.exit(0));
  reply(async () => {
    const ready = await setUp();
    process.on('message', (request: Request) => reply(() => answer(request)));
    return ready;
  });
}
