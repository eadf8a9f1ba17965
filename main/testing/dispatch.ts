// Test helper: a Core on a fresh temporary workspace, driven through the real dispatcher with every result
// checked against the contract, so handler tests exercise exactly what the renderer calls.
import { createDispatcher } from '../api/dispatcher';
import type { MethodName, Result } from '../api/contract';
import { Core } from '../api/service';
import { tempDir } from './tmp';

export interface DispatchHarness {
  tmp: ReturnType<typeof tempDir>;
  core: Core;
  /** Calls a method; throws with the error code and message if it fails. */
  call: <M extends MethodName>(method: M, args: unknown) => Promise<Result<M>>;
  /** Calls a method that must fail; returns its error. */
  fail: (method: MethodName, args: unknown) => Promise<{ code: string; message: string }>;
  /** Waits for a job; returns its result id, throwing unless it finished `done`. */
  done: (jobId: number) => Promise<number>;
}

export function dispatchHarness(prefix: string): DispatchHarness {
  const tmp = tempDir(prefix);
  const core = new Core({ workspacePath: tmp.path('w.tokstudio') });
  const d = createDispatcher(core.handlers, { checkResults: true });
  return {
    tmp,
    core,
    call: async (method, args) => {
      const reply = await d.dispatch(method, args);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code}: ${reply.error.message}`);
      return reply.result as never;
    },
    fail: async (method, args) => {
      const reply = await d.dispatch(method, args);
      if (reply.ok) throw new Error(`${method} should have failed`);
      return reply.error;
    },
    done: async (jobId) => {
      const job = await core.runner.wait(jobId);
      if (job.status !== 'done') throw new Error(`job ${jobId} ${job.status}: ${job.error}`);
      return job.resultId!;
    },
  };
}
