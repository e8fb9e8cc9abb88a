// Which NODE_MODULE_VERSION (the ABI number Node and Electron check on load) a native addon was
// compiled for, read from the binary itself: an addon that is not N-API exports the symbol
// `node_register_module_v<N>`, whatever the platform's file format. A stamp beside the file only says
// what the build was asked for; node-gyp pointed at Node's headers (npm's `nodedir`) builds for Node.
import { readFileSync } from 'node:fs';

/** The module version `file` was built for; null when it names none, or more than one. */
export function builtModuleVersion(file: string): number | null {
  const names = new Set(
    readFileSync(file)
      .toString('latin1')
      .match(/node_register_module_v\d+/g),
  );
  if (names.size !== 1) return null;
  return Number([...names][0]!.slice('node_register_module_v'.length));
}

/** Why `file` cannot load in `runtime` (e.g. "Electron 45.5.0") whose module version is `wanted`; null when it can. */
export function moduleVersionMismatch(file: string, wanted: number, runtime: string): string | null {
  const built = builtModuleVersion(file);
  if (built === null) return `the binary names no Node module version, so it cannot be the build ${runtime} needs (${wanted})`;
  if (built !== wanted) return `the binary is built for Node module version ${built}, ${runtime} needs ${wanted}`;
  return null;
}
