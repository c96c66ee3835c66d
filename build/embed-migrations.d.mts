export function renderMigrations(dir?: string): string;
