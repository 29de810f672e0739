/** IPC channel names: the only two the preload uses (kept apart so the preload bundles no zod). */
export const IPC_CALL = 'griddesk:call';
export const IPC_EVENT = 'griddesk:event';
