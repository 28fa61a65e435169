/** The child side of `Worker`: announces readiness, runs commands, cleans up on `stop`. */
export interface WorkerHandlers {
  commands: Record<string, (args: never) => Promise<unknown>>;
  close(): Promise<void>;
}

export function runWorker(init: () => Promise<WorkerHandlers> | WorkerHandlers): void {
  const send = (msg: unknown): void => {
    process.send?.(msg);
  };
  process.on('disconnect', () => process.exit(0));
  Promise.resolve()
    .then(init)
    .then(
      (handlers) => {
        process.on('message', (msg: { id: number; cmd: string; args: unknown }) => {
          if (msg.cmd === 'stop') {
            void handlers
              .close()
              .catch((err) => console.error('close failed', err))
              .finally(() => process.exit(0));
            return;
          }
          const command = handlers.commands[msg.cmd];
          if (!command) {
            send({ id: msg.id, ok: false, error: `unknown command ${msg.cmd}` });
            return;
          }
          command(msg.args as never).then(
            (result) => send({ id: msg.id, ok: true, result }),
            (err: unknown) => {
              console.error(err);
              send({
                id: msg.id,
                ok: false,
                error: err instanceof Error ? err.message : String(err),
              });
            },
          );
        });
        send({ type: 'ready' });
      },
      (err: unknown) => {
        console.error(err);
        send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
        setTimeout(() => process.exit(1), 100);
      },
    );
}

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
