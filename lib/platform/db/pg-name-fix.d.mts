import pg from "pg";
export declare class NameAsTextPool extends pg.Pool {}
