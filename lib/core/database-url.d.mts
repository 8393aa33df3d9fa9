export declare const DEFAULT_DATABASE_URL: string;
export declare function providerOf(url: string): "sqlite" | "postgresql";
export declare function databaseUrl(): string;
export declare function sqlitePath(url: string): string;
