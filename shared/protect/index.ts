/**
 * Protecting participants: the pseudonym table, suggestions for it, pseudonymising a project, the leak check, and
 * passphrase-encrypted files.
 */
export * from './table';
export * from './patterns';
export * from './matching';
export * from './suggest';
export * from './pseudonymise';
export * from './leaks';
export * from './encrypted-container';
