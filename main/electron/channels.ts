// IPC channel names shared by the main process and the preload.
export const CALL_CHANNEL = 'tokstudio:call';
export const EVENT_CHANNEL = 'tokstudio:event';
/** The privileged scheme the renderer is served from; the IPC handler accepts only frames of this origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for a frame served from our own app:// origin (not file://, not a remote page). */
export function isAppFrame(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    // Node's URL gives origin "null" for custom schemes, so compare scheme and host.
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
