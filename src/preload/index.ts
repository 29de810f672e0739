/**
 * The preload: exposes exactly one object, `window.api`, with a typed `call` and `on`.
 * Raw ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvents, GridDeskApi } from '../shared/api';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels';

const api: GridDeskApi = {
  call: (name, input) => ipcRenderer.invoke(IPC_CALL, name, input),
  on: (event, listener) => {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as ApiEvents[typeof event]);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
