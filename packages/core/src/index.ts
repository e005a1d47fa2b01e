export * from './headline.ts';
