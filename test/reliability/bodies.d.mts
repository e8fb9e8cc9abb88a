export function bodyFor(n: number): Buffer;
