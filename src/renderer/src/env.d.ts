/// <reference types="vite/client" />
import type { GridDeskApi } from '@shared/api';

declare global {
  interface Window {
    /** The one bridge to the main process, exposed by the preload. */
    api: GridDeskApi;
  }
}

export {};
