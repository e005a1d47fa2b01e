import { version } from '../../../package.json';

/** The web build a wall runs, for its heartbeat: walls still on an old build stand out in /api/v1/displays. */
export const WEB_VERSION: string = version;
