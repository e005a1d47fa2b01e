import packageJson from '../package.json' with { type: 'json' };

/** Promwall's release, as published by `GET /healthz`. */
export const version: string = packageJson.version;
