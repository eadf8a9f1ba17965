import type { Core } from '../service';
import type { Handlers } from '../dispatcher';

export function workspaceHandlers(core: Core): Pick<Handlers, 'workspace.info' | 'workspace.open'> {
  return {
    'workspace.info': () => core.info(),
    'workspace.open': ({ path }) => core.reopen(path),
  };
}
