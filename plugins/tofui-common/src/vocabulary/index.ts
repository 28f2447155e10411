export * from './artifacts';
export * from './planSummary';
export * from './routes';
export * from './signals';
