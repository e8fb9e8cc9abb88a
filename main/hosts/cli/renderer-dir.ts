// Where the built renderer is: dist/renderer beside the compiled CLI (dist/main/hosts/cli).
import { fileURLToPath } from 'node:url';

export function rendererDir(): string {
  return fileURLToPath(new URL('../../../renderer/', import.meta.url));
}
