// The only bridge between the sandboxed renderer and the main process: two functions, no Node access.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

contextBridge.exposeInMainWorld('tokstudio', {
  platform: 'electron',
  call: (method: string, args: unknown) => ipcRenderer.invoke(CALL_CHANNEL, method, args),
  onEvent: (listener: (event: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.off(EVENT_CHANNEL, wrapped);
  },
});
