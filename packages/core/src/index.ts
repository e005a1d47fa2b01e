export * from './headline.ts';
export * from './promql.ts';
export * from './schemas.ts';
export * from './duration.ts';
export * from './units.ts';
export * from './tv.ts';
