/**
 * The retrieval and query engine for reviewing themes and querying coded data (phases 3-5): pure functions over a
 * QueryIndex built once from a project with buildQueryIndex(project).
 */
export * from './index-build';
export * from './select';
export * from './extracts';
export * from './attribution';
export * from './coverage';
export * from './cooccurrence';
export * from './matrix';
export * from './framework';
export * from './boolean';
export * from './text-search';
export * from './word-frequency';
export * from './stop-words';
export * from './tables';
