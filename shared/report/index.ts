/** The write-up: findings report, codebook, coded extracts and memos, as Word, Markdown, HTML, CSV and XLSX. */
export * from './document';
export * from './quote-text';
export * from './prevalence';
export * from './charts';
export * from './findings';
export * from './render-docx';
export * from './render-markdown';
export * from './render-html';
export * from './codebook-export';
export * from './extracts-export';
export * from './memos-export';
